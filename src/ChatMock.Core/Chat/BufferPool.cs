using System.Numerics;

namespace ChatMock.Chat;

/// <summary>
/// The chat store's own arrays, by size (powers of two): an array a removed session gives back is the next one a
/// growing session takes, so that a store running at its limits allocates little that is new. It keeps free at most
/// a quarter of the elements in use (or <see cref="MinimumKept"/>), so a store emptied gives its memory back. Not
/// thread-safe: the store's lock guards it.
/// </summary>
/// <remarks>
/// The shared pool (<c>ArrayPool.Shared</c>) keeps a few arrays of a size per core: when many sessions grow at once
/// (as they do while the store fills), most of what they give back is dropped, and the arrays taken instead are new,
/// live long and are promoted by the collector, which is what keeping messages as bytes is for avoiding. A quarter
/// of what is in use absorbs what sessions removed at the limits give back for those growing.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class BufferPool<T>
{
    /// <summary>The smallest array, in elements.</summary>
    public const int SmallestSize = 16;

    /// <summary>The free elements kept even when few are in use.</summary>
    public const long MinimumKept = 256 * 1024;

    /// <summary>The largest array kept, in elements; a larger one is left to the collector.</summary>
    private const int LargestKept = 1 << 20;

    private readonly Stack<T[]>?[] _free = new Stack<T[]>?[BitOperations.Log2(LargestKept / SmallestSize) + 1];
    private long _freeElements;

    /// <summary>Gets how many elements the arrays taken and not given back hold.</summary>
    public long InUse { get; private set; }

    /// <summary>Gets how many elements the free arrays hold.</summary>
    public long Free => _freeElements;

    /// <summary>Takes an array of at least <paramref name="size"/> elements (a power of two up to the largest kept), free or new.</summary>
    public T[] Rent(int size)
    {
        if (size > LargestKept)
        {
            InUse += size;
            return new T[size];
        }

        var length = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, SmallestSize));
        var array = _free[Class(length)] is { Count: > 0 } free ? free.Pop() : null;
        if (array is not null)
        {
            _freeElements -= length;
        }
        else
        {
            array = new T[length];
        }

        InUse += length;
        return array;
    }

    /// <summary>Gives back an array <see cref="Rent"/> gave; an empty one is ignored.</summary>
    public void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0)
        {
            return;
        }

        InUse -= array.Length;
        if (array.Length <= LargestKept && _freeElements + array.Length <= FreeBound)
        {
            (_free[Class(array.Length)] ??= new Stack<T[]>()).Push(array);
            _freeElements += array.Length;
        }

        Trim();
    }

    /// <summary>Gets the most free elements kept: a quarter of those in use, or <see cref="MinimumKept"/>.</summary>
    private long FreeBound => Math.Max(InUse / 4, MinimumKept);

    /// <summary>Lets the collector have free arrays past <see cref="FreeBound"/>, the largest first.</summary>
    private void Trim()
    {
        for (var i = _free.Length - 1; i >= 0 && _freeElements > FreeBound; i--)
        {
            while (_free[i] is { Count: > 0 } free && _freeElements > FreeBound)
            {
                _freeElements -= free.Pop().Length;
            }
        }
    }

    private static int Class(int length) => BitOperations.Log2((uint)length / SmallestSize);
}
