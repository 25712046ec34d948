namespace ChatMock.Journal;

/// <summary>
/// Recording a call now and writing its JSON later (<see cref="RecordLater"/>): the in-memory hosts' way, whose client
/// waits for each answer, usually with a processor to spare.
/// </summary>
internal sealed partial class CallJournal
{
    /// <summary>The most calls recorded with <see cref="RecordLater"/> that wait for their JSON at once.</summary>
    public const int MostWaiting = 1024;

    /// <summary>The most bytes of bodies the calls waiting for their JSON hold at once.</summary>
    public const long MostWaitingBytes = 8L * 1024 * 1024;

    // Where RecordLater hands the writing of the waiting calls: the thread pool, unless a test holds it.
    private readonly Action<Action>? _writeLater;

    // The calls recorded with RecordLater whose JSON is not written yet, call k (from 0) at place k % MostWaiting, apart
    // from the ring: an entry of the ring is old, and a young call stored in it would have the collector look at its
    // entry on every young collection (in the in-memory host the collector's pauses doubled).
    private RecordedCall?[] _waitingCalls = [];
    private int _waiting;
    private long _waitingBytes;

    // Whether a work item writing the waiting calls is queued or running, and the position from which it looks.
    private bool _writerQueued;
    private long _writeFrom;

    // The calls recorded later whose JSON could not be written, and so are not kept.
    private long _failures;

    /// <summary>A journal whose <see cref="RecordLater"/> hands each call's writing to <paramref name="writeLater"/> (tests run it when they choose).</summary>
    internal CallJournal(int capacity, long maxBytes, Action<Action> writeLater)
        : this(capacity, maxBytes) => _writeLater = writeLater;

    /// <summary>Gets how many calls recorded with <see cref="RecordLater"/> could not be written, and so are not kept.</summary>
    public long Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Gets how many calls recorded with <see cref="RecordLater"/> wait for their JSON.</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="call"/> the next id and its place at once, and writes its JSON off the caller's path: a
    /// thread-pool work item writes it, or the first read that needs it does. The caller saves the JSON's time (a
    /// third of an engine call), which a client waiting for the answer then does not wait for. When the thread pool
    /// falls behind (the call <see cref="MostWaiting"/> before this one still waits, or <see cref="MostWaitingBytes"/>
    /// bytes of bodies do), the call is written at once, as by <see cref="Record"/>.
    /// </summary>
    public void RecordLater(RecordedCall call)
    {
        var bodyBytes = (long)call.Request.BodyUtf8.Length + call.Response.BodyUtf8.Length;
        var summary = Summary(call);
        var waits = false;
        var queueWriter = false;
        lock (_gate)
        {
            if (_waitingCalls.Length == 0)
            {
                _waitingCalls = new RecordedCall?[MostWaiting];
            }

            // A call that waits long keeps its place among the waiting: the calls after it then are written at once.
            var waitingPlace = (int)(_total % MostWaiting);
            if (_waitingCalls[waitingPlace] is null && _waitingBytes + bodyBytes <= MostWaitingBytes)
            {
                Place(call).Wait(summary, bodyBytes);
                _waitingCalls[waitingPlace] = call;
                _waiting++;
                _waitingBytes += bodyBytes;
                CountNewest();
                waits = true;
                queueWriter = !_writerQueued;
                _writerQueued = true;
            }
        }

        if (!waits)
        {
            Record(call);
        }
        else if (queueWriter && _writeLater is { } writeLater)
        {
            writeLater(WriteWaiting);
        }
        else if (queueWriter)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static journal => journal.WriteWaiting(), this, preferLocal: false);
        }
    }

    /// <summary>
    /// The work item of <see cref="RecordLater"/>: writes the JSON of every waiting call, oldest first, each outside the
    /// lock, and keeps it if its place still waits for it; ends when none waits. One work item at a time: one that
    /// starts late catches up with every call that came meanwhile.
    /// </summary>
    private void WriteWaiting()
    {
        while (true)
        {
            RecordedCall? call = null;
            long position;
            lock (_gate)
            {
                for (_writeFrom = Math.Max(_writeFrom, _dropped); _writeFrom < _total; _writeFrom++)
                {
                    if (_waitingCalls[(int)(_writeFrom % MostWaiting)] is { } waiting && waiting.Id - _firstId == _writeFrom)
                    {
                        call = waiting;
                        break;
                    }
                }

                if (call is null)
                {
                    _writerQueued = false;
                    return;
                }

                position = _writeFrom;
            }

            var written = TryWrite(call, out var bytes);
            lock (_gate)
            {
                if (position >= _dropped && position < _total && ReferenceEquals(_waitingCalls[(int)(position % MostWaiting)], call))
                {
                    Keep(_ring[(int)(position % _ring.Length)]!, position, bytes, written);
                }
            }
        }
    }

    /// <summary>Writes the JSON of the call at <paramref name="entry"/> (at <paramref name="position"/>) if it waits for it, for a read; the lock is held.</summary>
    private void EnsureWritten(Entry entry, long position)
    {
        if (entry.Waits && _waitingCalls[(int)(position % MostWaiting)] is { } call)
        {
            var written = TryWrite(call, out var bytes);
            Keep(entry, position, bytes, written);
        }
    }

    private static bool TryWrite(RecordedCall call, out ReadOnlySpan<byte> bytes)
    {
        try
        {
            bytes = RecordedCallJson.WriteKept(call);
            return true;
        }
#pragma warning disable CA1031 // Recording never fails a request (DESIGN.md D6), a read or the thread pool: the call is counted as not kept.
        catch (Exception)
#pragma warning restore CA1031
        {
            bytes = default;
            return false;
        }
    }

    /// <summary>Keeps the JSON written for a waiting call, or marks it as not kept; the lock is held.</summary>
    private void Keep(Entry entry, long position, ReadOnlySpan<byte> bytes, bool written)
    {
        _keptBytes -= entry.Size;
        var summary = entry.Summary(0);
        StopWaiting(entry, position);
        if (written)
        {
            entry.Keep(bytes, summary);
        }
        else
        {
            entry.Release();
            _failures++;
        }

        _keptBytes += entry.Size;
        DropPastBudget();
    }

    /// <summary>Takes the call at <paramref name="entry"/> (at <paramref name="position"/>) off the calls waiting for their JSON, if it is one; the lock is held.</summary>
    private void StopWaiting(Entry entry, long position)
    {
        if (entry.Waits)
        {
            _waitingCalls[(int)(position % MostWaiting)] = null;
            _waiting--;
            _waitingBytes -= entry.WaitingBytes;
            entry.StopWaiting();
        }
    }
}
