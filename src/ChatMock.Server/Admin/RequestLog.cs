using ChatMock.Engine;
using ChatMock.Journal;

namespace ChatMock.Server.Admin;

/// <summary>
/// The calls WireMock's request log shows: ChatMock's journal (every call however it was answered, up to
/// <see cref="ChatMockOptions.JournalCapacity"/>), less admin requests and the calls removed through the log.
/// </summary>
internal sealed class RequestLog
{
    private readonly ChatMockEngine _engine;
    private readonly CallIds _ids;
    private readonly HashSet<long> _removed = [];
    private readonly Lock _gate = new();

    public RequestLog(ChatMockEngine engine, CallIds ids)
    {
        _engine = engine;
        _ids = ids;
    }

    /// <summary>Gets how many calls the journal keeps at most.</summary>
    public int Capacity => _engine.Journal.Capacity;

    /// <summary>
    /// The calls the log shows, oldest first, read one at a time (the journal reads each call only as the enumeration
    /// reaches it).
    /// </summary>
    public IEnumerable<RecordedCall> Calls()
    {
        var journal = _engine.Journal;
        lock (_gate)
        {
            // Ids of calls the journal has since dropped are of no more use: the set stays within the journal's size.
            if (_removed.Count > journal.Capacity)
            {
                var oldestKept = journal.LastId - journal.Count;
                _removed.RemoveWhere(id => id <= oldestKept);
            }
        }

        foreach (var call in journal.ReadCalls())
        {
            bool removed;
            lock (_gate)
            {
                removed = _removed.Contains(call.Id);
            }

            if (!removed && !call.Request.Path.StartsWith(AdminPaths.Admin + "/", StringComparison.OrdinalIgnoreCase))
            {
                yield return call;
            }
        }
    }

    /// <summary>The calls the log shows that no mapping or operation answered (<see cref="WireMockJournalApi.IsUnmatched"/>), oldest first.</summary>
    public IEnumerable<RecordedCall> Unmatched() => Calls().Where(WireMockJournalApi.IsUnmatched);

    /// <summary>Returns the call with the request id <paramref name="id"/> (a UUID of <see cref="CallIds"/>), or null when the log no longer shows it.</summary>
    public RecordedCall? Find(string id)
    {
        if (!_ids.TryParse(id, out var callId))
        {
            return null;
        }

        lock (_gate)
        {
            if (_removed.Contains(callId))
            {
                return null;
            }
        }

        return _engine.Journal.Find(callId);
    }

    /// <summary>Takes calls out of the log; the journal keeps them.</summary>
    public void Remove(IEnumerable<RecordedCall> calls)
    {
        lock (_gate)
        {
            foreach (var call in calls)
            {
                _removed.Add(call.Id);
            }
        }
    }

    /// <summary>Forgets what was removed (the journal was cleared).</summary>
    public void ForgetRemoved()
    {
        lock (_gate)
        {
            _removed.Clear();
        }
    }
}
