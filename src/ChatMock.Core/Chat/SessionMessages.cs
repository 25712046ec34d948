using System.Buffers;
using System.Numerics;
using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// One session's messages as bytes (<see cref="CarrierCodec{T}"/>), one after the other in pages, with the id and
/// start of each in an index; the pages and the index come from the store's pools and go back to them when the
/// session goes. Not thread-safe: the store's lock guards it.
/// </summary>
/// <remarks>
/// Kept as objects (about 380 bytes a message, with its strings), the messages outlived the collector's younger
/// generations and died in the oldest when their session was removed, so every stored message cost a promotion and a
/// share of a full collection. As bytes, a session is arrays without references, reused from session to session,
/// and a read makes objects only of the messages it returns.
/// The pages grow from <see cref="FirstPageSize"/> to <see cref="PageSize"/> and then stay that size, and nothing is
/// copied as a session grows: so a session gives back the same sizes of page that a new one takes, and a store at its
/// limits allocates nothing new. (In one buffer that doubled, a session held up to twice its bytes, and the sizes
/// given back and asked for differed, so that the store made new arrays and the collector's oldest generation
/// collected the old ones at about 130 bytes a call.) A field longer than a page has a page of its own, of its size.
/// Positions in the index count the messages' bytes only, not the unused end of a page; each page's first position
/// finds a message's page.
/// The bytes are written through this object itself (it is the <see cref="IBufferWriter{T}"/>), and the store's
/// session slot derives from it: a store of thousands of sessions finds each one cold in the processor's caches, and
/// every object between the session and its bytes cost a wait for memory on every message added.
/// </remarks>
/// <param name="bytes">The pool of the pages.</param>
/// <param name="indexes">The pool of the indexes.</param>
/// <param name="maxBytes">
/// The most bytes the session may hold: a message that would take it past them is not kept, and no page is taken for
/// a field that would (so refusing a message allocates nothing for what does not fit).
/// </param>
internal class SessionMessages(BufferPool<byte> bytes, BufferPool<int> indexes, long maxBytes = int.MaxValue) : IBufferWriter<byte>
{
    /// <summary>The size of a session's first page.</summary>
    public const int FirstPageSize = 256;

    /// <summary>The size pages grow to, each twice the one before.</summary>
    public const int PageSize = 4096;

    private readonly BufferPool<byte> _bytePool = bytes;
    private readonly BufferPool<int> _indexPool = indexes;
    private readonly long _maxBytes = Math.Clamp(maxBytes, 0, Array.MaxLength);

    private byte[][] _pages = [];

    // The last page, also held here: a message added to a cold session then waits for one array less.
    private byte[] _lastPage = [];

    // The position of each page's first byte, counted in messages' bytes.
    private int[] _pageStarts = [];
    private int _pageCount;

    // How many bytes of the last page are written.
    private int _lastPageUsed;

    // The size of the next page of the usual sizes (a field longer than a page has one of its own size).
    private int _nextPageSize = FirstPageSize;

    // Two ints a message: its id, then the position of its first byte.
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
    /// The check is made as the bytes are written, so a refused message takes no page for what does not fit, and the
    /// pages it took for what came before are given back: before, a message written and then taken back had grown a
    /// full session's buffer past the limit (128 MiB and one more message, beside the 128 MiB one it replaced), which
    /// made the peak of the 1 MB abuse run.
    /// </remarks>
    public bool TryAdd(ChatMessage message)
    {
        var id = message.ChatMessageId!.Value;
        var start = ByteCount;
        var pages = _pageCount;
        var lastPageUsed = _lastPageUsed;
        var nextPageSize = _nextPageSize;
        bool written;
        try
        {
            CarrierCodecs.ChatMessage.Write(message, this);
            written = ByteCount <= _maxBytes;
        }
        catch (InsufficientMemoryException)
        {
            written = false;
        }
        catch
        {
            TakeBack(start, pages, lastPageUsed, nextPageSize);
            throw;
        }

        if (!written)
        {
            // Past the limit: within a page the pool gave larger than asked, or refused before a page was taken.
            TakeBack(start, pages, lastPageUsed, nextPageSize);
            return false;
        }

        if (_index.Length < (Count + 1) * 2)
        {
            _index = Grown(_indexPool, _index, Count * 2);
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
        var page = PageOf(start);
        var offset = start - _pageStarts[page];
        for (var copied = 0; copied < length; page++, offset = 0)
        {
            var used = page == _pageCount - 1 ? _lastPageUsed : _pageStarts[page + 1] - _pageStarts[page];
            _pages[page].AsSpan(offset, used - offset).CopyTo(copy.AsSpan(copied));
            copied += used - offset;
        }

        return new CopiedCarriers(copy, length, Count - first);
    }

    /// <summary>Forgets every message and gives the pages and the index back to the pools.</summary>
    public void Release()
    {
        TakeBack(0, 0, 0, FirstPageSize);
        _indexPool.Return(_index);
        _indexPool.Return(_pageStarts);
        _index = [];
        _pageStarts = [];
        _pages = [];
        Count = 0;
    }

    /// <inheritdoc/>
    void IBufferWriter<byte>.Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _lastPage.Length - _lastPageUsed);
        _lastPageUsed += count;
        ByteCount += count;
    }

    /// <inheritdoc/>
    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => Room(sizeHint).AsMemory(_lastPageUsed);

    /// <inheritdoc/>
    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => Room(sizeHint).AsSpan(_lastPageUsed);

    private static int[] Grown(BufferPool<int> pool, int[] array, int used)
    {
        var grown = pool.Rent(Math.Max(16, array.Length * 2));
        array.AsSpan(0, used).CopyTo(grown);
        pool.Return(array);
        return grown;
    }

    /// <summary>
    /// The last page, with room for <paramref name="sizeHint"/> more bytes (at least one) after what is written: the
    /// one there, or a new one. A new page is the next of the usual sizes (larger, up to <see cref="PageSize"/>, for a
    /// field that needs it), or, for a field longer than <see cref="PageSize"/>, one of the field's own size.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The bytes would pass the most bytes; <see cref="TryAdd"/> refuses the message.</exception>
    private byte[] Room(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_lastPage.Length - _lastPageUsed >= needed)
        {
            return _lastPage;
        }

        if ((long)ByteCount + needed > _maxBytes)
        {
            throw new InsufficientMemoryException($"The session's messages would pass {_maxBytes} bytes.");
        }

        byte[] page;
        if (needed > PageSize)
        {
            page = _bytePool.RentExact(needed);
        }
        else
        {
            // The next size, or a larger one up to a page for a field that needs it; the sizes after go on from there.
            page = _bytePool.Rent(Math.Max(_nextPageSize, (int)BitOperations.RoundUpToPowerOf2((uint)needed)));
            _nextPageSize = Math.Min(page.Length * 2, PageSize);
        }

        if (_pages.Length == _pageCount)
        {
            Array.Resize(ref _pages, Math.Max(4, _pageCount * 2));
        }

        if (_pageStarts.Length == _pageCount)
        {
            _pageStarts = Grown(_indexPool, _pageStarts, _pageCount);
        }

        _pages[_pageCount] = page;
        _pageStarts[_pageCount] = ByteCount;
        _pageCount++;
        _lastPage = page;
        _lastPageUsed = 0;
        return page;
    }

    /// <summary>The page that holds the byte at <paramref name="position"/>: the last one that starts at or before it.</summary>
    private int PageOf(int position)
    {
        int low = 0, high = _pageCount - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (_pageStarts[middle] <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>Goes back to <paramref name="byteCount"/> bytes in <paramref name="pages"/> pages, giving the pages after them back to the pool.</summary>
    private void TakeBack(int byteCount, int pages, int lastPageUsed, int nextPageSize)
    {
        for (var i = pages; i < _pageCount; i++)
        {
            _bytePool.Return(_pages[i]);
            _pages[i] = null!;
        }

        _pageCount = pages;
        _lastPage = pages == 0 ? [] : _pages[pages - 1];
        _lastPageUsed = lastPageUsed;
        _nextPageSize = nextPageSize;
        ByteCount = byteCount;
    }
}
