using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// The chat store in memory (DESIGN.md D10): one lock over sessions and messages, so every change is atomic; each
/// session's messages in ascending id order, read after an id by binary search; bounded by <see cref="ChatStoreLimits"/>.
/// </summary>
/// <remarks>
/// Built to cost the collector little, since a store at its limits keeps every message for thousands of calls: kept
/// as objects, each message and each session replaced by a message lived long enough to be promoted, and the
/// collections that followed cost the in-memory host more than the rest of a call. So messages are kept as bytes
/// (<see cref="SessionMessages"/>) and made anew when read; a session is one object for its whole life, changed in
/// place (<see cref="CarrierCodec{T}.Copy"/>), and every session handed out is a copy of it. Either way, what a caller
/// gets is its own: changing it changes nothing stored.
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
    private long _byteCount;
    private long _version;
    private int _queued;

    /// <summary>The arrays of the messages; the lock guards them.</summary>
    private readonly BufferPool<byte> _bytePool = new();

    /// <summary>The arrays of the messages' indexes; the lock guards them.</summary>
    private readonly BufferPool<int> _indexPool = new();

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

    /// <summary>Gets how many bytes the messages take in all, as kept (what <see cref="ChatStoreLimits.MaxBytes"/> bounds).</summary>
    internal long ByteCount
    {
        get
        {
            lock (_lock)
            {
                return _byteCount;
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
            return [.. _sessions.Values.OrderBy(s => s.Id).Select(s => s.Session with { })];
        }
    }

    /// <inheritdoc/>
    public ChatSessionEntity? Session(int sessionId)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(sessionId, out var slot) ? slot.Session with { } : null;
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

            return Add(session with { ChatSessionId = id }).Session with { };
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

            var changed = change(slot.Session) with { ChatSessionId = sessionId };
            Replace(slot, changed);
            Touch(slot);
            Interlocked.Increment(ref _version);
            return changed;
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
            var bytesBefore = slot.Messages.ByteCount;
            slot.Messages.Add(stored);
            if (slot.Messages.ByteCount > _limits.UsedMaxBytes)
            {
                // Past the limit on its own: taken back, and the session made for it too.
                slot.Messages.RemoveLast();
                if (created)
                {
                    _sessions.Remove(sessionId);
                    Forget(slot);
                }

                return new MessageAdded(MessageAddition.SessionFullOfBytes, null);
            }

            _byteCount += slot.Messages.ByteCount - bytesBefore;
            _lastMessageId++;
            _messageCount++;
            if (touch is not null)
            {
                var touched = touch(slot.Session, stored);
                Replace(slot, touched);
                slot.Session.ChatSessionId = sessionId;
            }

            Touch(slot);
            Interlocked.Increment(ref _version);
            while ((_messageCount > _limits.MaxMessages || _byteCount > _limits.UsedMaxBytes) && RemoveLeastRecentlyActive(sessionId))
            {
            }

            return new MessageAdded(created ? MessageAddition.AddedToNewSession : MessageAddition.Added, stored);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ChatMessage>? Messages(int sessionId, int after = 0)
    {
        CopiedCarriers copied;
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var slot))
            {
                return null;
            }

            // The bytes copied under the lock, the messages made of them outside it.
            copied = slot.Messages.CopyFrom(slot.Messages.FirstAfter(after));
        }

        return CarrierCodecs.ChatMessage.ReadAll(copied);
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
                slot.Release();
            }

            _sessions.Clear();
            _lastSessionId = 0;
            _lastMessageId = _firstMessageId - 1;
            _messageCount = 0;
            _byteCount = 0;
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
        var slot = new Slot(id, session, new SessionMessages(_bytePool, _indexPool, _limits.UsedMaxBytes)) { Queued = IsQueued(session) };
        _queued += slot.Queued ? 1 : 0;
        slot.Node = _byActivity.AddLast(slot);
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
        while (node is not null && node.Value.Id == keep)
        {
            node = node.Next;
        }

        if (node is null)
        {
            return false;
        }

        var oldest = node.Value;
        _sessions.Remove(oldest.Id);
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

    /// <summary>
    /// Gives the stored session of <paramref name="slot"/> the values of <paramref name="session"/>, in place: the
    /// stored object lives as long as its session, so a change makes no object for the collector to promote.
    /// </summary>
    private void Replace(Slot slot, ChatSessionEntity session)
    {
        var queued = IsQueued(session);
        _queued += (queued ? 1 : 0) - (slot.Queued ? 1 : 0);
        slot.Queued = queued;
        CarrierCodecs.ChatSession.Copy(session, slot.Session);
    }

    /// <summary>Forgets a slot already taken out of the sessions: its place in the activity order, its messages, its status.</summary>
    private void Forget(Slot slot)
    {
        _byActivity.Remove(slot.Node!);
        _messageCount -= slot.Messages.Count;
        _byteCount -= slot.Messages.ByteCount;
        _queued -= slot.Queued ? 1 : 0;
        slot.Release();
    }

    /// <summary>A stored session: its id, the session (never handed out, changed in place), its messages and its place in the activity order.</summary>
    private sealed class Slot(int id, ChatSessionEntity session, SessionMessages messages)
    {
        public int Id { get; } = id;

        public ChatSessionEntity Session { get; } = session;

        public SessionMessages Messages { get; } = messages;

        /// <summary>Gets or sets whether the session was queued when last stored (what <see cref="QueuedSessions"/> counts).</summary>
        public bool Queued { get; set; }

        public LinkedListNode<Slot>? Node { get; set; }

        /// <summary>Gives the messages' buffers back to the pool.</summary>
        public void Release() => Messages.Release();
    }
}
