using System.Buffers;

namespace ChatMock.Chat;

/// <summary>
/// Bytes in a buffer from the store's pool that grows as they are written, and goes back to the pool on
/// <see cref="Release"/>: an array without references, which the collector does not walk. Not thread-safe.
/// </summary>
/// <param name="pool">Where the buffers come from.</param>
/// <param name="growthLimit">The length past which the buffer grows only by what is needed, not twice over.</param>
internal sealed class PooledBytes(BufferPool<byte> pool, long growthLimit = int.MaxValue) : IBufferWriter<byte>
{
    private const int FirstSize = 256;

    private readonly BufferPool<byte> _pool = pool;
    private readonly long _growthLimit = Math.Clamp(growthLimit, FirstSize, Array.MaxLength);
    private byte[] _buffer = [];

    /// <summary>Gets how many bytes are written.</summary>
    public int Length { get; private set; }

    /// <summary>Gets the bytes written.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Copies <paramref name="bytes"/> into a buffer from the shared pool, which the caller gives back.</summary>
    public static byte[] Rent(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return buffer;
    }

    /// <summary>Forgets the bytes from <paramref name="length"/> on; the buffer stays.</summary>
    public void Truncate(int length) => Length = Math.Min(length, Length);

    /// <summary>Forgets the bytes and gives the buffer back to the pool.</summary>
    public void Release()
    {
        _pool.Return(_buffer);
        _buffer = [];
        Length = 0;
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - Length);
        Length += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsMemory(Length);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsSpan(Length);
    }

    /// <summary>
    /// Makes room for <paramref name="sizeHint"/> more bytes, at least one: a buffer twice the size (up to the growth
    /// limit, past it just what is needed), the bytes copied.
    /// </summary>
    private void MakeRoom(int sizeHint)
    {
        var needed = (long)Length + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"The bytes would pass the largest array ({Array.MaxLength} bytes).");
        }

        var doubled = Math.Max(FirstSize, _buffer.Length * 2L);
        var grown = _pool.Rent((int)Math.Max(needed, Math.Min(doubled, _growthLimit)));
        Written.CopyTo(grown);
        _pool.Return(_buffer);
        _buffer = grown;
    }
}
