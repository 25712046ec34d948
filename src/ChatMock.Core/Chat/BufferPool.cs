using System.Numerics;

namespace ChatMock.Chat;

/// <summary>
/// The chat store's own arrays, by size (powers of two): an array a removed session gives back is the next one a
/// growing session takes, so that a store running at its limits allocates little that is new. It keeps free at most
/// an eighth of the elements in use (or <see cref="MinimumKept"/>), so a store emptied gives its memory back. Not
/// thread-safe: the store's lock guards it.
/// </summary>
/// <remarks>
/// The shared pool (<c>ArrayPool.Shared</c>) keeps a few arrays of a size per core: when many sessions grow at once
/// (as they do while the store fills), most of what they give back is dropped, and the arrays taken instead are new,
/// live long and are promoted by the collector, which is what keeping messages as bytes is for avoiding. An eighth
/// of what is in use absorbs what sessions removed at the limits give back for those growing.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class BufferPool<T>
{
    /// <summary>The smallest array, in elements.</summary>
    public const int SmallestSize = 16;

    /// <summary>The free elements kept even when few are in use.</summary>
    public const long MinimumKept = 256 * 1024;

    /// <summary>
    /// How many size classes above the one asked for a free array may come from: one, so an array is at most twice
    /// the size asked for. Sessions grow in waves (many together, as the store fills and as they are removed in turn),
    /// so what is given back and what is asked for are often of different sizes at the time; taken only from its own
    /// class, arrays were made new while others of the next size lay free.
    /// </summary>
    private const int LargerClassesTaken = 1;

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
        var array = FreeArray(Class(length));
        if (array is not null)
        {
            _freeElements -= array.Length;
            length = array.Length;
        }
        else
        {
            array = new T[length];
        }

        InUse += length;
        return array;
    }

    /// <summary>
    /// Takes a new array of exactly <paramref name="size"/> elements, for what is seldom that size again (a field
    /// longer than a page); given back, it is kept only if its size is a power of two.
    /// </summary>
    public T[] RentExact(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        InUse += size;
        return new T[size];
    }

    /// <summary>
    /// A free array of the size class <paramref name="wanted"/>, else of one of the next <see cref="LargerClassesTaken"/>
    /// classes up; null when there is none.
    /// </summary>
    private T[]? FreeArray(int wanted)
    {
        var last = Math.Min(wanted + LargerClassesTaken, _free.Length - 1);
        for (var i = wanted; i <= last; i++)
        {
            if (_free[i] is { Count: > 0 } free)
            {
                return free.Pop();
            }
        }

        return null;
    }

    /// <summary>Gives back an array <see cref="Rent"/> or <see cref="RentExact"/> gave; an empty one is ignored.</summary>
    public void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0)
        {
            return;
        }

        InUse -= array.Length;
        // Kept even past the bound: the trim then lets smaller ones go before it.
        if (array.Length <= LargestKept && BitOperations.IsPow2(array.Length))
        {
            (_free[Class(array.Length)] ??= new Stack<T[]>()).Push(array);
            _freeElements += array.Length;
        }

        Trim();
    }

    /// <summary>
    /// Gets the most free elements kept: an eighth of those in use, or <see cref="MinimumKept"/>. A quarter kept the
    /// collector's promotions lower still (8 bytes a call in the engine loop, against 28), but the store then ended a
    /// million calls a few megabytes higher, past the memory budget in two runs of four.
    /// </summary>
    private long FreeBound => Math.Max(InUse / 8, MinimumKept);

    /// <summary>
    /// Lets the collector have free arrays past <see cref="FreeBound"/>, the smallest first: a small array made again
    /// later costs the collector little, a large one promoted through its generations much (with the largest dropped
    /// first, the collector promoted about 90 bytes a call in the engine loop after the store filled; now about 28).
    /// </summary>
    private void Trim()
    {
        for (var i = 0; i < _free.Length && _freeElements > FreeBound; i++)
        {
            while (_free[i] is { Count: > 0 } free && _freeElements > FreeBound)
            {
                _freeElements -= free.Pop().Length;
            }
        }
    }

    private static int Class(int length) => BitOperations.Log2((uint)length / SmallestSize);
}
