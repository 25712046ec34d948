using System.Buffers;
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
/// The bytes are written through this object itself (it is the <see cref="IBufferWriter{T}"/>), and the store's
/// session slot derives from it: a store of thousands of sessions finds each one cold in the processor's caches, and
/// every object between the session and its bytes cost a wait for memory on every message added.
/// </remarks>
/// <param name="bytes">The pool of the messages' bytes.</param>
/// <param name="indexes">The pool of the indexes.</param>
/// <param name="maxBytes">
/// The most bytes the session may hold: a message that would take it past them is not kept, and the buffer never grows
/// past them (so refusing a message allocates nothing).
/// </param>
internal class SessionMessages(BufferPool<byte> bytes, BufferPool<int> indexes, long maxBytes = int.MaxValue) : IBufferWriter<byte>
{
    private const int FirstSize = 256;

    private readonly BufferPool<byte> _bytePool = bytes;
    private readonly BufferPool<int> _indexPool = indexes;
    private readonly long _maxBytes = Math.Clamp(maxBytes, 0, Array.MaxLength);
    private byte[] _bytes = [];

    // Two ints a message: its id, then where its bytes start.
    private int[] _index = [];

    /// <summary>Gets how many messages the session holds.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many bytes the messages take.</summary>
    public int ByteCount { get; private set; }

    /// <summary>
    /// Adds <paramref name="message"/>, whose id must be above every id held; false, and nothing changed, when its bytes
    /// would take the session past its most bytes.
    /// </summary>
    /// <remarks>
    /// The check is made as the bytes are written, so a refused message never grows the buffer: before, a message
    /// written and then taken back had grown a full session's buffer past the limit (128 MiB and one more message,
    /// beside the 128 MiB one it replaced), which made the peak of the 1 MB abuse run.
    /// </remarks>
    public bool TryAdd(ChatMessage message)
    {
        var id = message.ChatMessageId!.Value;
        var start = ByteCount;
        try
        {
            CarrierCodecs.ChatMessage.Write(message, this);
        }
        catch (InsufficientMemoryException)
        {
            ByteCount = start;
            return false;
        }
        catch
        {
            ByteCount = start;
            throw;
        }

        if (ByteCount > _maxBytes)
        {
            // Written within a buffer the pool gave larger than asked, but past the limit all the same.
            ByteCount = start;
            return false;
        }

        if (_index.Length < (Count + 1) * 2)
        {
            var grown = _indexPool.Rent(Math.Max(16, _index.Length * 2));
            _index.AsSpan().CopyTo(grown);
            _indexPool.Return(_index);
            _index = grown;
        }

        _index[Count * 2] = id;
        _index[(Count * 2) + 1] = start;
        Count++;
        return true;
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
        var length = ByteCount - start;
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        _bytes.AsSpan(start, length).CopyTo(copy);
        return new CopiedCarriers(copy, length, Count - first);
    }

    /// <summary>Forgets every message and gives the buffers back to the pools.</summary>
    public void Release()
    {
        _bytePool.Return(_bytes);
        _indexPool.Return(_index);
        _bytes = [];
        _index = [];
        ByteCount = 0;
        Count = 0;
    }

    /// <inheritdoc/>
    void IBufferWriter<byte>.Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - ByteCount);
        ByteCount += count;
    }

    /// <inheritdoc/>
    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        MakeRoom(sizeHint);
        return _bytes.AsMemory(ByteCount);
    }

    /// <inheritdoc/>
    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        MakeRoom(sizeHint);
        return _bytes.AsSpan(ByteCount);
    }

    /// <summary>
    /// Makes room for <paramref name="sizeHint"/> more bytes, at least one: a buffer twice the size (up to the most
    /// bytes, never past them), the bytes copied.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The bytes would pass the most bytes; <see cref="TryAdd"/> refuses the message.</exception>
    private void MakeRoom(int sizeHint)
    {
        var needed = (long)ByteCount + Math.Max(sizeHint, 1);
        if (needed <= _bytes.Length)
        {
            return;
        }

        if (needed > _maxBytes)
        {
            throw new InsufficientMemoryException($"The session's messages would pass {_maxBytes} bytes.");
        }

        var doubled = Math.Max(FirstSize, _bytes.Length * 2L);
        var grown = _bytePool.Rent((int)Math.Max(needed, Math.Min(doubled, _maxBytes)));
        _bytes.AsSpan(0, ByteCount).CopyTo(grown);
        _bytePool.Return(_bytes);
        _bytes = grown;
    }
}
