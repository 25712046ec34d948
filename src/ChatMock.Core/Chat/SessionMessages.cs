using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// One session's messages as bytes (<see cref="CarrierCodec{T}"/>), one after the other in a buffer that grows, with the
/// id and start of each in an index; both buffers come from the store's pools and go back to them when the session
/// goes. Not thread-safe: the store's lock guards it.
/// </summary>
/// <remarks>
/// Kept as objects (about 380 bytes a message, with its strings), the messages outlived the collector's younger
/// generations and died in the oldest when their session was removed, so every stored message cost a promotion and a
/// share of a full collection. As bytes, a session is two arrays without references, reused from session to session,
/// and a read makes objects only of the messages it returns.
/// </remarks>
/// <param name="bytes">The pool of the messages' bytes.</param>
/// <param name="indexes">The pool of the indexes.</param>
/// <param name="maxBytes">The most bytes the session may come to hold: its buffer grows no further than that ahead of need.</param>
internal sealed class SessionMessages(BufferPool<byte> bytes, BufferPool<int> indexes, long maxBytes = int.MaxValue)
{
    private readonly PooledBytes _bytes = new(bytes, maxBytes);
    private readonly BufferPool<int> _indexes = indexes;

    // Two ints a message: its id, then where its bytes start.
    private int[] _index = [];

    /// <summary>Gets how many messages the session holds.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many bytes the messages take.</summary>
    public int ByteCount => _bytes.Length;

    /// <summary>Adds <paramref name="message"/>, whose id must be above every id held.</summary>
    public void Add(ChatMessage message)
    {
        var id = message.ChatMessageId!.Value;
        var start = _bytes.Length;
        try
        {
            CarrierCodecs.ChatMessage.Write(message, _bytes);
        }
        catch
        {
            _bytes.Truncate(start);
            throw;
        }

        if (_index.Length < (Count + 1) * 2)
        {
            var grown = _indexes.Rent(Math.Max(16, _index.Length * 2));
            _index.AsSpan().CopyTo(grown);
            _indexes.Return(_index);
            _index = grown;
        }

        _index[Count * 2] = id;
        _index[(Count * 2) + 1] = start;
        Count++;
    }

    /// <summary>Takes back the message added last.</summary>
    public void RemoveLast()
    {
        if (Count == 0)
        {
            return;
        }

        Count--;
        _bytes.Truncate(_index[(Count * 2) + 1]);
    }

    /// <summary>The position of the first message with an id greater than <paramref name="after"/>: a binary search, the ids ascending.</summary>
    public int FirstAfter(int after)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_index[middle * 2] <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Copies the bytes of the messages from position <paramref name="first"/> on, to be read outside the lock.</summary>
    public CopiedCarriers CopyFrom(int first)
    {
        if (first >= Count)
        {
            return default;
        }

        var start = _index[(first * 2) + 1];
        var bytes = _bytes.Written[start..];
        return new CopiedCarriers(PooledBytes.Rent(bytes), bytes.Length, Count - first);
    }

    /// <summary>Forgets every message and gives the buffers back to the pool.</summary>
    public void Release()
    {
        _bytes.Release();
        _indexes.Return(_index);
        _index = [];
        Count = 0;
    }
}
