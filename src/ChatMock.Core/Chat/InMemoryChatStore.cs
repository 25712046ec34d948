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
public sealed partial class InMemoryChatStore : IChatStore
{
    private readonly Lock _lock = new();
    private readonly ChatStoreLimits _limits;
    private readonly int _firstMessageId;
    private readonly ChatTopicEntity[] _initialTopics;
    private readonly Dictionary<int, Stored> _sessions = [];
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

    /// <summary>
    /// Every time a session was active (its id and <see cref="Stored.Activity"/> then), the oldest first: the least
    /// recently active session is the first whose time is still its latest. Making room costs the same however many
    /// sessions are kept, and marking a session active writes to the end of one array, where a linked list of the
    /// sessions had to change its neighbours, two more objects cold in the processor's caches on every message.
    /// </summary>
    private readonly Queue<(int Id, long Activity)> _byActivity = new();

    /// <summary>The time of the last activity: a count that only grows.</summary>
    private long _activity;

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
            return [.. _sessions.Values.OrderBy(s => s.Slot.Id).Select(s => s.Slot.Session with { })];
        }
    }

    /// <inheritdoc/>
    public ChatSessionEntity? Session(int sessionId)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(sessionId, out var stored) ? stored.Slot.Session with { } : null;
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
            if (!_sessions.TryGetValue(sessionId, out var stored))
            {
                return null;
            }

            var slot = stored.Slot;
            var changed = change(slot.Session) with { ChatSessionId = sessionId };
            Replace(slot, changed);
            Touch(sessionId);
            Interlocked.Increment(ref _version);
            return changed;
        }
    }

    /// <inheritdoc/>
    public bool DeleteSession(int sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.Remove(sessionId, out var stored))
            {
                return false;
            }

            Forget(stored.Slot);
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    /// <inheritdoc/>
    public MessageAdded AddMessage(int sessionId, Func<int, ChatMessage> build, ChatSessionEntity? newSession, Func<ChatSessionEntity, ChatMessage, ChatSessionEntity>? touch)
    {
        ArgumentNullException.ThrowIfNull(build);
        return AddMessageTouchingSession(
            sessionId,
            (Build: build, Touch: touch),
            static (state, position) => state.Build(position),
            newSession,
            touch is null ? null : static (state, stored, message) => CarrierCodecs.ChatSession.Copy(state.Touch!(stored, message), stored));
    }

    /// <summary>
    /// <see cref="AddMessage"/>, with <paramref name="touch"/> changing the stored session itself, inside the atomic
    /// step (it must not keep it): a message then makes no copy of its session, an object of 33 properties that was
    /// the largest allocation of an AddChatMessage call. What <paramref name="build"/> and <paramref name="touch"/>
    /// need comes in <paramref name="state"/>, so that a caller's delegates can be static: no closure a call.
    /// </summary>
    internal MessageAdded AddMessageTouchingSession<TState>(int sessionId, TState state, Func<TState, int, ChatMessage> build, ChatSessionEntity? newSession, Action<TState, ChatSessionEntity, ChatMessage>? touch)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_lock)
        {
            var created = false;
            Slot slot;
            if (_sessions.TryGetValue(sessionId, out var kept))
            {
                slot = kept.Slot;
            }
            else if (newSession is null)
            {
                return new MessageAdded(MessageAddition.UnknownSession, null);
            }
            else
            {
                slot = Add(newSession with { ChatSessionId = sessionId });
                created = true;
            }

            if (slot.Count >= _limits.MaxMessagesPerSession)
            {
                return new MessageAdded(MessageAddition.SessionFull, null);
            }

            var stored = build(state, slot.Count + 1) with { ChatMessageId = _lastMessageId + 1, ChatSessionId = sessionId };
            var bytesBefore = slot.ByteCount;
            if (!slot.TryAdd(stored))
            {
                // Past the limit on its own: not kept, and the session made for it taken back.
                if (created)
                {
                    _sessions.Remove(sessionId);
                    Forget(slot);
                }

                return new MessageAdded(MessageAddition.SessionFullOfBytes, null);
            }

            _byteCount += slot.ByteCount - bytesBefore;
            _lastMessageId++;
            _messageCount++;
            if (touch is not null)
            {
                touch(state, slot.Session, stored);
                slot.Session.ChatSessionId = sessionId;
                CountQueued(slot);
            }

            Touch(sessionId);
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
            if (!_sessions.TryGetValue(sessionId, out var stored))
            {
                return null;
            }

            // The bytes copied under the lock, the messages made of them outside it.
            copied = stored.Slot.CopyFrom(stored.Slot.FirstAfter(after));
        }

        return CarrierCodecs.ChatMessage.ReadAll(copied);
    }

    /// <inheritdoc/>
    public int? MessageCountOf(int sessionId)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(sessionId, out var stored) ? stored.Slot.Count : null;
        }
    }

    /// <inheritdoc/>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var stored in _sessions.Values)
            {
                stored.Slot.Release();
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
}
