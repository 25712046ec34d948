using System.Buffers;
using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// One session's messages as bytes (<see cref="CarrierCodec"/>), one after the other in a buffer that grows, with the
/// id and start of each in an index; both buffers come from the shared pool and go back to it when the session goes.
/// Not thread-safe: the store's lock guards it.
/// </summary>
/// <remarks>
/// Kept as objects (about 380 bytes a message, with its strings), the messages outlived the collector's younger
/// generations and died in the oldest when their session was removed, so every stored message cost a promotion and a
/// full collection's share. As bytes, a session is two arrays without references, reused from session to session,
/// and a read makes objects only of the messages it returns.
/// </remarks>
internal sealed class SessionMessages : IBufferWriter<byte>
{
    private const int FirstBufferSize = 256;

    private byte[] _bytes = [];
    private int _used;

    // Two ints a message: its id, then where its bytes start.
    private int[] _index = [];

    /// <summary>Gets how many messages the session holds.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many bytes the messages take.</summary>
    public int ByteCount => _used;

    /// <summary>Adds <paramref name="message"/>, whose id must be above every id held.</summary>
    public void Add(ChatMessage message)
    {
        var id = message.ChatMessageId!.Value;
        var start = _used;
        try
        {
            CarrierCodec.ChatMessage.Write(message, this);
        }
        catch
        {
            _used = start;
            throw;
        }

        if (_index.Length < (Count + 1) * 2)
        {
            _index = Grow(_index, Math.Max(16, _index.Length * 2));
        }

        _index[Count * 2] = id;
        _index[(Count * 2) + 1] = start;
        Count++;
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

    /// <summary>Copies the bytes of the messages from position <paramref name="first"/> on into a buffer from the shared pool, for <see cref="Read"/>.</summary>
    public Copy CopyFrom(int first)
    {
        if (first >= Count)
        {
            return default;
        }

        var start = _index[(first * 2) + 1];
        var length = _used - start;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        _bytes.AsSpan(start, length).CopyTo(buffer);
        return new Copy(buffer, length, Count - first);
    }

    /// <summary>Makes the messages of <paramref name="copy"/>, and gives its buffer back to the pool.</summary>
    public static ChatMessage[] Read(Copy copy)
    {
        if (copy.Buffer is null)
        {
            return [];
        }

        try
        {
            var messages = new ChatMessage[copy.Count];
            var bytes = copy.Buffer.AsSpan(0, copy.Length);
            var position = 0;
            for (var i = 0; i < messages.Length; i++)
            {
                messages[i] = (ChatMessage)CarrierCodec.ChatMessage.Read(bytes, ref position);
            }

            return messages;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy.Buffer);
        }
    }

    /// <summary>Forgets every message and gives the buffers back to the pool.</summary>
    public void Release()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }

        if (_index.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_index);
        }

        _bytes = [];
        _index = [];
        _used = 0;
        Count = 0;
    }

    /// <inheritdoc/>
    public void Advance(int count) => _used += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _bytes.AsMemory(_used);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _bytes.AsSpan(_used);
    }

    private static T[] Grow<T>(T[] buffer, int size)
    {
        var grown = ArrayPool<T>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(grown);
        if (buffer.Length > 0)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }

        return grown;
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> more bytes, at least one.</summary>
    private void MakeRoom(int sizeHint)
    {
        var needed = _used + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length)
        {
            _bytes = Grow(_bytes, Math.Max(needed, Math.Max(FirstBufferSize, _bytes.Length * 2)));
        }
    }

    /// <summary>Bytes of messages copied out of a session.</summary>
    /// <param name="Buffer">The buffer, from the shared pool; null when there are none.</param>
    /// <param name="Length">How many of its bytes are the messages'.</param>
    /// <param name="Count">How many messages.</param>
    internal readonly record struct Copy(byte[]? Buffer, int Length, int Count);
}
