namespace ChatMock.Journal;

/// <summary>
/// A bounded, thread-safe ring of recorded calls: recording and finding by id are O(1), and memory never grows
/// past the capacity.
/// </summary>
/// <remarks>
/// Each place of the ring keeps its call as bytes (<see cref="CallCodec"/>) in a buffer it reuses, and a call read
/// back is made anew from them. Kept as objects, the calls outlived the collector's youngest generation by thousands
/// of requests, and copying and marking them cost more than the rest of the engine together.
/// </remarks>
internal sealed class CallJournal : ICallJournal
{
    private readonly Lock _gate = new();
    private readonly Entry?[] _ring;

    // Calls recorded since the last Clear; the ids of those calls run from _firstId to _firstId + _total - 1.
    private long _total;
    private long _firstId = 1;

    public CallJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new Entry?[capacity];
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

    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _firstId + _total - 1;
            }
        }
    }

    /// <summary>Gives <paramref name="call"/> the next id and keeps it, dropping the oldest call when full.</summary>
    public void Record(RecordedCall call)
    {
        var bytes = CallCodec.Write(call);
        lock (_gate)
        {
            call.Id = _firstId + _total;
            var place = (int)(_total % _ring.Length);
            (_ring[place] ??= new Entry()).Keep(call.Id, bytes);
            _total++;
        }
    }

    public IReadOnlyList<RecordedCall> GetCalls()
    {
        // The bytes are copied out while the lock is held and read into calls after, so recording never waits for that.
        long[] ids;
        int[] ends;
        byte[] bytes;
        lock (_gate)
        {
            var count = (int)Math.Min(_total, _ring.Length);
            var first = _total - count;
            ids = new long[count];
            ends = new int[count];
            var size = 0L;
            for (var i = 0; i < count; i++)
            {
                size += _ring[(first + i) % _ring.Length]!.Length;
            }

            bytes = new byte[size];
            var end = 0;
            for (var i = 0; i < count; i++)
            {
                var entry = _ring[(first + i) % _ring.Length]!;
                entry.Bytes.CopyTo(bytes.AsSpan(end));
                end += entry.Length;
                ids[i] = entry.Id;
                ends[i] = end;
            }
        }

        var calls = new RecordedCall[ids.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            calls[i] = CallCodec.Read(bytes.AsSpan(start, ends[i] - start), ids[i]);
        }

        return calls;
    }

    public RecordedCall? Find(long id)
    {
        byte[] bytes;
        lock (_gate)
        {
            var position = id - _firstId;
            if (position < 0 || position >= _total || position < _total - _ring.Length)
            {
                return null;
            }

            bytes = _ring[position % _ring.Length]!.Bytes.ToArray();
        }

        return CallCodec.Read(bytes, id);
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

    /// <summary>One place of the ring: the bytes of the call it holds, in a buffer kept from call to call.</summary>
    private sealed class Entry
    {
        private byte[] _buffer = [];

        public long Id { get; private set; }

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

        public void Keep(long id, ReadOnlySpan<byte> bytes)
        {
            // Grown to fit, with room to spare; given back when a far smaller call follows a huge one.
            if (bytes.Length > _buffer.Length || (_buffer.Length > 16 * 1024 && bytes.Length < _buffer.Length / 4))
            {
                _buffer = new byte[Math.Max(256, bytes.Length + (bytes.Length / 4))];
            }

            bytes.CopyTo(_buffer);
            Id = id;
            Length = bytes.Length;
        }
    }
}
