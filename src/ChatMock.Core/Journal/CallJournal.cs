namespace ChatMock.Journal;

/// <summary>
/// A bounded, thread-safe ring of recorded calls: recording and finding by id are O(1), and memory never grows
/// past the capacity.
/// </summary>
internal sealed class CallJournal : ICallJournal
{
    private readonly Lock _gate = new();
    private readonly RecordedCall?[] _ring;

    // Calls recorded since the last Clear; the ids of those calls run from _firstId to _firstId + _total - 1.
    private long _total;
    private long _firstId = 1;

    public CallJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new RecordedCall?[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)Math.Min(_total, _ring.Length);
            }
        }
    }

    public long TotalRecorded
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Gives <paramref name="call"/> the next id and keeps it, dropping the oldest call when full.</summary>
    public void Record(RecordedCall call)
    {
        lock (_gate)
        {
            call.Id = _firstId + _total;
            _ring[_total % _ring.Length] = call;
            _total++;
        }
    }

    public IReadOnlyList<RecordedCall> GetCalls()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_total, _ring.Length);
            var calls = new RecordedCall[count];
            var first = _total - count;
            for (var i = 0; i < count; i++)
            {
                calls[i] = _ring[(first + i) % _ring.Length]!;
            }

            return calls;
        }
    }

    public RecordedCall? Find(long id)
    {
        lock (_gate)
        {
            var position = id - _firstId;
            if (position < 0 || position >= _total || position < _total - _ring.Length)
            {
                return null;
            }

            return _ring[position % _ring.Length];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _firstId += _total;
            _total = 0;
        }
    }
}
