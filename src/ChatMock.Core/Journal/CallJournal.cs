namespace ChatMock.Journal;

/// <summary>
/// A bounded, thread-safe ring of recorded calls: recording and finding by id are O(1), and memory never grows past
/// the capacity in calls nor past the budget in bytes (the oldest calls go first).
/// </summary>
/// <remarks>
/// Each place of the ring keeps its call as JSON (<see cref="RecordedCallJson"/>, the admin API's format, which also
/// cuts every kept text and body to size) in a buffer it reuses, beside the few facts filters ask
/// (<see cref="CallSummary"/>); a call read back is made anew from its JSON. Kept as objects, the calls outlived the
/// collector's youngest generation by thousands of requests, and copying and marking them cost more than the rest of
/// the engine together. Reads copy one call at a time out of the lock, so a read costs the memory of what it
/// returns, and recording never waits for a reader.
/// A call recorded with <see cref="RecordLater"/> takes its id and place at once, and its JSON is written by a
/// thread-pool work item, or by the first read that needs it, whichever comes first: every read made after the call
/// was recorded finds it, as with <see cref="Record"/>.
/// </remarks>
internal sealed partial class CallJournal : ICallJournal
{
    // What a kept call costs besides its bytes: its place, the entry object and the buffer's header.
    private const int EntryOverhead = 64;

    private readonly Lock _gate = new();
    private readonly Entry?[] _ring;
    private readonly long _maxBytes;

    // Calls recorded since the last Clear, and how many of the oldest of those were dropped; the ids of the kept
    // calls run from _firstId + _dropped to _firstId + _total - 1, call k (from 0) at place k % capacity.
    private long _total;
    private long _dropped;
    private long _firstId = 1;
    private long _keptBytes;

    public CallJournal(int capacity, long maxBytes = ChatMockDefaults.JournalMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _ring = new Entry?[capacity];
        _maxBytes = maxBytes;
    }

    public int Capacity => _ring.Length;

    /// <summary>Gets how many bytes the journal keeps at most.</summary>
    public long MaxBytes => _maxBytes;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)(_total - _dropped);
            }
        }
    }

    /// <summary>Gets how many bytes the kept calls take (their buffers, with a little for each place).</summary>
    public long KeptBytes
    {
        get
        {
            lock (_gate)
            {
                return _keptBytes;
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

    /// <summary>Gives <paramref name="call"/> the next id and keeps it, dropping the oldest calls past the capacity or the byte budget.</summary>
    public void Record(RecordedCall call)
    {
        var bytes = RecordedCallJson.WriteKept(call);
        var summary = Summary(call);
        lock (_gate)
        {
            Place(call).Keep(bytes, summary);
            CountNewest();
        }
    }

    public IReadOnlyList<RecordedCall> GetCalls() => [.. ReadCalls()];

    public IEnumerable<RecordedCall> ReadCalls(long afterId = 0) => ReadCalls(afterId, null);

    /// <summary>Counts the kept calls <paramref name="filter"/> wants, from their summaries alone: nothing else is read.</summary>
    public int CountWhere(CallSummaryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const int Chunk = 1024;
        var count = 0;
        long next;
        lock (_gate)
        {
            next = _firstId + _dropped;
        }

        while (true)
        {
            // In chunks, so that recording never waits long for a count.
            lock (_gate)
            {
                var position = Math.Max(next - _firstId, _dropped);
                if (position >= _total || next < _firstId)
                {
                    return count;
                }

                var end = Math.Min(_total, position + Chunk);
                for (; position < end; position++)
                {
                    var entry = _ring[(int)(position % _ring.Length)]!;
                    if (entry.IsKept && filter(entry.Summary(_firstId + position)))
                    {
                        count++;
                    }
                }

                next = _firstId + end;
            }
        }
    }

    /// <summary>
    /// Reads the kept calls after <paramref name="afterId"/> that <paramref name="filter"/> wants (all when null),
    /// one at a time; a call the filter does not want is not read at all.
    /// </summary>
    public IEnumerable<RecordedCall> ReadCalls(long afterId, CallSummaryFilter? filter) => ReadKept(afterId, filter).Select(kept => kept.Read());

    /// <summary>
    /// Copies the JSON of the kept calls after <paramref name="afterId"/> that <paramref name="filter"/> wants (all
    /// when null), one call at a time under the lock, so that recording never waits long for a reader.
    /// </summary>
    public IEnumerable<KeptCall> ReadKept(long afterId, CallSummaryFilter? filter)
    {
        long next;
        long last;
        lock (_gate)
        {
            next = Math.Max(afterId + 1, _firstId + _dropped);
            last = _firstId + _total - 1;
        }

        for (var id = next; id <= last; id++)
        {
            byte[] json;
            lock (_gate)
            {
                var position = id - _firstId;
                if (position >= _total)
                {
                    // Cleared while reading: the snapshot ends.
                    yield break;
                }

                if (position < _dropped)
                {
                    // Dropped while reading (the ring moved on): go on with the oldest call still kept.
                    id = _firstId + _dropped - 1;
                    continue;
                }

                var entry = _ring[(int)(position % _ring.Length)]!;
                if (!entry.IsKept || (filter is not null && !filter(entry.Summary(id))))
                {
                    continue;
                }

                EnsureWritten(entry, position);
                if (position < _dropped)
                {
                    // Writing it took the journal past its byte budget, and the oldest calls went, this one with them.
                    id = _firstId + _dropped - 1;
                    continue;
                }

                if (!entry.IsKept)
                {
                    continue;
                }

                json = entry.Bytes.ToArray();
            }

            yield return new KeptCall(id, json);
        }
    }

    public RecordedCall? Find(long id) => FindKept(id)?.Read();

    /// <summary>Copies the JSON of the call with id <paramref name="id"/>; null when it is not kept.</summary>
    public KeptCall? FindKept(long id)
    {
        lock (_gate)
        {
            var position = id - _firstId;
            if (position < _dropped || position >= _total)
            {
                return null;
            }

            var entry = _ring[(int)(position % _ring.Length)]!;
            EnsureWritten(entry, position);
            return position >= _dropped && entry.IsKept ? new KeptCall(id, entry.Bytes.ToArray()) : null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _firstId += _total;
            _total = 0;
            _dropped = 0;
            _keptBytes = 0;
            Array.Clear(_waitingCalls);
            _waiting = 0;
            _waitingBytes = 0;
            _writeFrom = 0;
        }
    }

    /// <summary>Forgets the oldest kept call and gives its buffer back (the byte budget is over); the lock is held.</summary>
    private void DropOldest()
    {
        var entry = _ring[(int)(_dropped % _ring.Length)]!;
        _keptBytes -= entry.Size;
        StopWaiting(entry, _dropped);
        entry.Release();
        _dropped++;
    }

    private static CallSummary Summary(RecordedCall call) =>
        new(0, call.Response.StatusCode, call.Operation, call.AddChatMessage?.ChatSessionId, call.Violations.Count);

    /// <summary>Gives <paramref name="call"/> the next id and its place, the oldest call's when the ring is full; the lock is held.</summary>
    private Entry Place(RecordedCall call)
    {
        var entry = _ring[(int)(_total % _ring.Length)] ??= new Entry();
        if (_total - _dropped == _ring.Length)
        {
            // Full: the oldest call's place is the new one's, and its buffer is reused (no allocation).
            _keptBytes -= entry.Size;
            StopWaiting(entry, _dropped);
            _dropped++;
        }

        call.Id = _firstId + _total;
        _total++;
        return entry;
    }

    /// <summary>Counts the newest call's bytes, and drops the oldest calls past the budget; the lock is held.</summary>
    private void CountNewest()
    {
        _keptBytes += _ring[(int)((_total - 1) % _ring.Length)]!.Size;
        DropPastBudget();
    }

    private void DropPastBudget()
    {
        // The newest call stays whatever its size: each is cut far below the smallest budget.
        while (_keptBytes > _maxBytes && _total - _dropped > 1)
        {
            DropOldest();
        }
    }

    /// <summary>
    /// One place of the ring: the JSON of the call it holds, in a buffer kept from call to call, and its summary; or the
    /// call itself while it waits for its JSON (<see cref="RecordLater"/>).
    /// </summary>
    private sealed class Entry
    {
        private byte[] _buffer = [];
        private CallSummary _summary;

        public int Length { get; private set; }

        public long Size => _buffer.Length + EntryOverhead;

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

        /// <summary>Gets whether the call of this place waits for its JSON (it is among the journal's waiting calls).</summary>
        public bool Waits { get; private set; }

        /// <summary>Gets the bytes of the bodies of the waiting call.</summary>
        public long WaitingBytes { get; private set; }

        /// <summary>Gets whether the place holds a call, written or waiting (a call whose JSON failed is not kept).</summary>
        public bool IsKept => Length > 0 || Waits;

        public CallSummary Summary(long id) => _summary with { Id = id };

        public void Keep(ReadOnlySpan<byte> bytes, CallSummary summary)
        {
            _summary = summary;
            // Grown to fit, with room to spare; given back when a far smaller call follows a huge one.
            if (bytes.Length > _buffer.Length || (_buffer.Length > 16 * 1024 && bytes.Length < _buffer.Length / 4))
            {
                _buffer = new byte[Math.Max(256, bytes.Length + (bytes.Length / 4))];
            }

            bytes.CopyTo(_buffer);
            Length = bytes.Length;
        }

        /// <summary>Waits for the JSON of a call of <paramref name="bodyBytes"/> bytes of bodies; the buffer stays, for that JSON.</summary>
        public void Wait(CallSummary summary, long bodyBytes)
        {
            _summary = summary;
            Length = 0;
            Waits = true;
            WaitingBytes = bodyBytes;
        }

        public void StopWaiting()
        {
            Waits = false;
            WaitingBytes = 0;
        }

        public void Release()
        {
            _buffer = [];
            _summary = default;
            Length = 0;
        }
    }
}
