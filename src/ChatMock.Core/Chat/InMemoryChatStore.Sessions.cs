using System.Runtime.InteropServices;

namespace ChatMock.Chat;

/// <summary>
/// How the store keeps its sessions: each in one slot with its messages, in an order of activity from which the least
/// recently active is removed at the limits. Every member here runs under the store's lock.
/// </summary>
public sealed partial class InMemoryChatStore
{
    private Slot Add(ChatSessionEntity session)
    {
        while (_sessions.Count >= _limits.MaxSessions && RemoveLeastRecentlyActive(keep: null))
        {
        }

        var id = session.ChatSessionId!.Value;
        var slot = new Slot(id, session, _bytePool, _indexPool, _limits.UsedMaxBytes) { Queued = IsQueued(session) };
        _queued += slot.Queued ? 1 : 0;
        _sessions.Add(id, new Stored(slot, 0));
        Touch(id);
        Interlocked.Increment(ref _version);
        _lastSessionId = Math.Max(_lastSessionId, id);
        return slot;
    }

    /// <summary>Removes the session active longest ago (never <paramref name="keep"/>); false when there is none to remove.</summary>
    private bool RemoveLeastRecentlyActive(int? keep)
    {
        // Times that are no longer their session's latest are dropped as they come to the front.
        while (_byActivity.TryPeek(out var first) && !IsLatest(first))
        {
            _byActivity.Dequeue();
        }

        // The one kept is the most recently active, so it is first only when it is the only session.
        foreach (var activity in _byActivity)
        {
            if (activity.Id != keep && IsLatest(activity))
            {
                _sessions.Remove(activity.Id, out var oldest);
                Forget(oldest.Slot);
                return true;
            }
        }

        return false;
    }

    private bool IsLatest((int Id, long Activity) activity) =>
        _sessions.TryGetValue(activity.Id, out var stored) && stored.Activity == activity.Activity;

    private static bool IsQueued(ChatSessionEntity session) => session.Status == QueuedStatus;

    /// <summary>Makes the session the most recently active.</summary>
    private void Touch(int sessionId)
    {
        ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(_sessions, sessionId);
        stored.Activity = ++_activity;
        _byActivity.Enqueue((sessionId, stored.Activity));

        // The times no longer latest are dropped once they are as many as the sessions (and a few), so the queue
        // stays within twice the sessions, at a cost spread over as many calls as it walks.
        if (_byActivity.Count > (2 * _sessions.Count) + 64)
        {
            for (var left = _byActivity.Count; left > 0; left--)
            {
                var activity = _byActivity.Dequeue();
                if (IsLatest(activity))
                {
                    _byActivity.Enqueue(activity);
                }
            }
        }
    }

    /// <summary>
    /// Gives the stored session of <paramref name="slot"/> the values of <paramref name="session"/>, in place: the
    /// stored object lives as long as its session, so a change makes no object for the collector to promote.
    /// </summary>
    private void Replace(Slot slot, ChatSessionEntity session)
    {
        CarrierCodecs.ChatSession.Copy(session, slot.Session);
        CountQueued(slot);
    }

    /// <summary>Counts the stored session of <paramref name="slot"/> in <see cref="QueuedSessions"/> as its status now says.</summary>
    private void CountQueued(Slot slot)
    {
        var queued = IsQueued(slot.Session);
        _queued += (queued ? 1 : 0) - (slot.Queued ? 1 : 0);
        slot.Queued = queued;
    }

    /// <summary>Forgets a slot already taken out of the sessions (so its times of activity are no longer latest): its messages, its status.</summary>
    private void Forget(Slot slot)
    {
        _messageCount -= slot.Count;
        _byteCount -= slot.ByteCount;
        _queued -= slot.Queued ? 1 : 0;
        slot.Release();
    }

    /// <summary>A session as the dictionary of sessions holds it: its slot and the time it was last active.</summary>
    private record struct Stored(Slot Slot, long Activity);

    /// <summary>A stored session: its id, the session (never handed out, changed in place) and its messages, in one object.</summary>
    private sealed class Slot(int id, ChatSessionEntity session, BufferPool<byte> bytes, BufferPool<int> indexes, long maxBytes)
        : SessionMessages(bytes, indexes, maxBytes)
    {
        public int Id { get; } = id;

        public ChatSessionEntity Session { get; } = session;

        /// <summary>Gets or sets whether the session was queued when last stored (what <see cref="QueuedSessions"/> counts).</summary>
        public bool Queued { get; set; }
    }
}
