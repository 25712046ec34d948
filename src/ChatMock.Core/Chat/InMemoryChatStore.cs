using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>The limits of a chat store; what happens at each is documented in docs/chat-api.md.</summary>
/// <param name="MaxSessions">The most sessions kept; at the limit, a new session removes the least recently active one.</param>
/// <param name="MaxMessagesPerSession">The most messages one session keeps; at the limit, a new message is refused (507) and nothing is lost.</param>
/// <param name="MaxMessages">The most messages kept in all; above it, the least recently active sessions are removed whole.</param>
public sealed record ChatStoreLimits(int MaxSessions, int MaxMessagesPerSession, int MaxMessages);

/// <summary>
/// The chat store in memory (DESIGN.md D10): one lock over sessions and messages, so every change is atomic; each
/// session's messages in ascending id order, read after an id by binary search; bounded by <see cref="ChatStoreLimits"/>.
/// </summary>
/// <remarks>
/// Messages are kept as bytes (<see cref="SessionMessages"/>), not as objects: a read makes the messages it returns
/// anew, so a message read twice is two equal objects, and changing one changes nothing stored.
/// </remarks>
public sealed class InMemoryChatStore : IChatStore
{
    private readonly Lock _lock = new();
    private readonly ChatStoreLimits _limits;
    private readonly int _firstMessageId;
    private readonly ChatTopicEntity[] _initialTopics;
    private readonly Dictionary<int, Slot> _sessions = [];
    private SortedDictionary<int, ChatTopicEntity> _topics = [];
    private int _lastSessionId;
    private int _lastMessageId;
    private int _messageCount;
    private long _version;
    private int _queued;

    /// <summary>The sessions from the least to the most recently active, so making room costs the same however many are kept.</summary>
    private readonly LinkedList<Slot> _byActivity = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryChatStore"/> class.</summary>
    /// <param name="limits">The limits.</param>
    /// <param name="firstMessageId">The id of the first message.</param>
    /// <param name="topics">The topics it starts with, and goes back to on <see cref="Clear"/>.</param>
    public InMemoryChatStore(ChatStoreLimits limits, int firstMessageId, IEnumerable<ChatTopicEntity> topics)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _firstMessageId = firstMessageId;
        _initialTopics = [.. topics];
        Clear();
    }

    /// <summary>
    /// Gets a number that grows with every change to the store (a topic, a session or a message added, changed or
    /// removed, a session evicted, <see cref="Clear"/>) and never goes back, even on Clear: read it to learn cheaply
    /// whether anything changed since the last look, without a call on the path of the changes.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The status of a session waiting for an agent, which <see cref="QueuedSessions"/> counts.</summary>
    internal const string QueuedStatus = "InQueue";

    /// <summary>Gets how many sessions have the status <see cref="QueuedStatus"/>, kept as they change (no walk over the sessions).</summary>
    internal int QueuedSessions
    {
        get
        {
            lock (_lock)
            {
                return _queued;
            }
        }
    }

    /// <summary>Gets how many messages the store keeps, in all sessions.</summary>
    public int MessageCount
    {
        get
        {
            lock (_lock)
            {
                return _messageCount;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ChatTopicEntity> Topics()
    {
        lock (_lock)
        {
            return [.. _topics.Values];
        }
    }

    /// <inheritdoc/>
    public ChatTopicEntity? Topic(int topicId)
    {
        lock (_lock)
        {
            return _topics.GetValueOrDefault(topicId);
        }
    }

    /// <inheritdoc/>
    public void ReplaceTopics(IEnumerable<ChatTopicEntity> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var byId = new SortedDictionary<int, ChatTopicEntity>();
        foreach (var topic in topics)
        {
            var id = topic.ChatTopicId ?? throw new ArgumentException("Every topic needs a ChatTopicId.", nameof(topics));
            if (!byId.TryAdd(id, topic))
            {
                throw new ArgumentException($"Two topics have the ChatTopicId {id}.", nameof(topics));
            }
        }

        lock (_lock)
        {
            _topics = byId;
            Interlocked.Increment(ref _version);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ChatSessionEntity> Sessions()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.Select(s => s.Session).OrderBy(s => s.ChatSessionId)];
        }
    }

    /// <inheritdoc/>
    public ChatSessionEntity? Session(int sessionId)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(sessionId)?.Session;
        }
    }

    /// <inheritdoc/>
    public ChatSessionEntity AddSession(ChatSessionEntity session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            var id = session.ChatSessionId is { } given and not 0 ? given : _lastSessionId + 1;
            if (_sessions.ContainsKey(id))
            {
                throw new ArgumentException($"A session with the ChatSessionId {id} exists.", nameof(session));
            }

            return Add(session with { ChatSessionId = id }).Session;
        }
    }

    /// <inheritdoc/>
    public ChatSessionEntity? UpdateSession(int sessionId, Func<ChatSessionEntity, ChatSessionEntity> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var slot))
            {
                return null;
            }

            Replace(slot, change(slot.Session) with { ChatSessionId = sessionId });
            Touch(slot);
            Interlocked.Increment(ref _version);
            return slot.Session;
        }
    }

    /// <inheritdoc/>
    public bool DeleteSession(int sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.Remove(sessionId, out var slot))
            {
                return false;
            }

            Forget(slot);
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    /// <inheritdoc/>
    public MessageAdded AddMessage(int sessionId, Func<int, ChatMessage> build, ChatSessionEntity? newSession, Func<ChatSessionEntity, ChatMessage, ChatSessionEntity>? touch)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_lock)
        {
            var created = false;
            if (!_sessions.TryGetValue(sessionId, out var slot))
            {
                if (newSession is null)
                {
                    return new MessageAdded(MessageAddition.UnknownSession, null);
                }

                slot = Add(newSession with { ChatSessionId = sessionId });
                created = true;
            }

            if (slot.Messages.Count >= _limits.MaxMessagesPerSession)
            {
                return new MessageAdded(MessageAddition.SessionFull, null);
            }

            var stored = build(slot.Messages.Count + 1) with { ChatMessageId = _lastMessageId + 1, ChatSessionId = sessionId };
            slot.Messages.Add(stored);
            _lastMessageId++;
            _messageCount++;
            if (touch is not null)
            {
                Replace(slot, touch(slot.Session, stored) with { ChatSessionId = sessionId });
            }

            Touch(slot);
            Interlocked.Increment(ref _version);
            while (_messageCount > _limits.MaxMessages && RemoveLeastRecentlyActive(sessionId))
            {
            }

            return new MessageAdded(created ? MessageAddition.AddedToNewSession : MessageAddition.Added, stored);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ChatMessage>? Messages(int sessionId, int after = 0)
    {
        SessionMessages.Copy copy;
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var slot))
            {
                return null;
            }

            // The bytes copied under the lock, the messages made out of it.
            copy = slot.Messages.CopyFrom(slot.Messages.FirstAfter(after));
        }

        return SessionMessages.Read(copy);
    }

    /// <inheritdoc/>
    public int? MessageCountOf(int sessionId)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(sessionId, out var slot) ? slot.Messages.Count : null;
        }
    }

    /// <inheritdoc/>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var slot in _sessions.Values)
            {
                slot.Messages.Release();
            }

            _sessions.Clear();
            _lastSessionId = 0;
            _lastMessageId = _firstMessageId - 1;
            _messageCount = 0;
            _byActivity.Clear();
            _queued = 0;
            ReplaceTopics(_initialTopics);
        }
    }

    private Slot Add(ChatSessionEntity session)
    {
        while (_sessions.Count >= _limits.MaxSessions && RemoveLeastRecentlyActive(keep: null))
        {
        }

        var id = session.ChatSessionId!.Value;
        var slot = new Slot(session);
        slot.Node = _byActivity.AddLast(slot);
        _queued += IsQueued(session) ? 1 : 0;
        _sessions.Add(id, slot);
        Interlocked.Increment(ref _version);
        _lastSessionId = Math.Max(_lastSessionId, id);
        return slot;
    }

    /// <summary>Removes the session active longest ago (never <paramref name="keep"/>); false when there is none to remove.</summary>
    private bool RemoveLeastRecentlyActive(int? keep)
    {
        // The first is the least recently active; the one kept, if first, is skipped.
        var node = _byActivity.First;
        while (node is not null && node.Value.Session.ChatSessionId == keep)
        {
            node = node.Next;
        }

        if (node is null)
        {
            return false;
        }

        var oldest = node.Value;
        _sessions.Remove(oldest.Session.ChatSessionId!.Value);
        Forget(oldest);
        return true;
    }

    private static bool IsQueued(ChatSessionEntity session) => session.Status == QueuedStatus;

    /// <summary>Makes the slot the most recently active.</summary>
    private void Touch(Slot slot)
    {
        _byActivity.Remove(slot.Node!);
        _byActivity.AddLast(slot.Node!);
    }

    private void Replace(Slot slot, ChatSessionEntity session)
    {
        _queued += (IsQueued(session) ? 1 : 0) - (IsQueued(slot.Session) ? 1 : 0);
        slot.Session = session;
    }

    /// <summary>Forgets a slot already taken out of the sessions: its place in the activity order, its messages, its status.</summary>
    private void Forget(Slot slot)
    {
        _byActivity.Remove(slot.Node!);
        _messageCount -= slot.Messages.Count;
        _queued -= IsQueued(slot.Session) ? 1 : 0;
        slot.Messages.Release();
    }

    private sealed class Slot(ChatSessionEntity session)
    {
        public ChatSessionEntity Session { get; set; } = session;

        public SessionMessages Messages { get; } = new();

        public LinkedListNode<Slot>? Node { get; set; }
    }
}
