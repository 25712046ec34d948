using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.Chat;

/// <summary>
/// One session's messages as bytes in pages: read back whole across pages, the pages reused from session to session,
/// and a message past the session's most bytes refused before a page is taken for it.
/// </summary>
public sealed class SessionMessagesTests
{
    [Test]
    public void TryAdd_Past_The_Most_Bytes_Refuses_Without_Growing_And_Keeps_What_Was_There()
    {
        // Arrange: 64 KiB at most; messages of 20,000 characters take about 20 KB each, three of them fit.
        var bytes = new BufferPool<byte>();
        var messages = new SessionMessages(bytes, new BufferPool<int>(), maxBytes: 64 * 1024);
        var added = new List<bool>();

        // Act
        for (var id = 1; id <= 4; id++)
        {
            added.Add(messages.TryAdd(new ChatMessage { ChatMessageId = id, Message = new string('x', 20_000) }));
        }

        var kept = messages.CopyFrom(0);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(messages.Count, Is.EqualTo(3));
            Assert.That(messages.ByteCount, Is.LessThanOrEqualTo(64 * 1024));
            Assert.That(bytes.InUse, Is.LessThanOrEqualTo(64 * 1024), "the refused message grew no buffer past the limit");
            Assert.That(CarrierCodecs.ChatMessage.ReadAll(kept).Select(m => m.ChatMessageId), Is.EqualTo(new int?[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void TryAdd_Of_A_Long_Text_That_Just_Fits_Is_Kept()
    {
        // Arrange: room for the message's own bytes, not for three times its text (the most UTF-8 could take).
        var probe = new SessionMessages(new BufferPool<byte>(), new BufferPool<int>());
        probe.TryAdd(new ChatMessage { ChatMessageId = 1, Message = new string('é', 30_000) });
        var exactly = new SessionMessages(new BufferPool<byte>(), new BufferPool<int>(), maxBytes: probe.ByteCount);

        // Act
        var added = exactly.TryAdd(new ChatMessage { ChatMessageId = 1, Message = new string('é', 30_000) });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.True);
            Assert.That(exactly.ByteCount, Is.EqualTo(probe.ByteCount));
        });
    }

    [Test]
    public void CopyFrom_Reads_Back_Every_Message_Across_Pages_From_Any_Position()
    {
        // Arrange: texts of 0 to 6,000 characters, so that messages cross pages, leave pages' ends unused and one has
        // a page of its own (longer than PageSize).
        var messages = new SessionMessages(new BufferPool<byte>(), new BufferPool<int>());
        var texts = Enumerable.Range(1, 60).Select(i => new string((char)('a' + (i % 26)), i * 997 % 6_001)).ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(messages.TryAdd(new ChatMessage { ChatMessageId = (i + 1) * 10, Message = texts[i], Author = "Kari" }), Is.True);
        }

        // Act
        var fromEach = Enumerable.Range(0, texts.Length)
            .Select(first => CarrierCodecs.ChatMessage.ReadAll(messages.CopyFrom(first)).Select(m => m.Message).ToArray())
            .ToArray();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(texts.Max(t => t.Length), Is.GreaterThan(SessionMessages.PageSize), "one message longer than a page");
            for (var first = 0; first < texts.Length; first++)
            {
                Assert.That(fromEach[first], Is.EqualTo(texts[first..]), $"from position {first}");
            }

            Assert.That(messages.FirstAfter(305), Is.EqualTo(30), "the first id above 305 is the 31st");
            Assert.That(messages.CopyFrom(texts.Length).Buffer, Is.Null, "nothing after the last");
        });
    }

    [Test]
    public void A_Session_Made_After_One_Released_Takes_Its_Pages_And_Allocates_None()
    {
        // Arrange: a session of 200 messages (several pages of every size), released.
        var pages = new BufferPool<byte>();
        var indexes = new BufferPool<int>();
        Fill(new SessionMessages(pages, indexes), 200).Release();
        var held = pages.InUse + pages.Free;

        // Act: the next session of the same messages, then one of fewer.
        var next = Fill(new SessionMessages(pages, indexes), 200);
        var heldByNext = pages.InUse + pages.Free;
        next.Release();
        Fill(new SessionMessages(pages, indexes), 50);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(heldByNext, Is.EqualTo(held), "no page made new");
            Assert.That(pages.InUse + pages.Free, Is.EqualTo(held), "a smaller session takes pages of the sizes given back");
            Assert.That(pages.InUse, Is.LessThan(held));
        });
    }

    [Test]
    public void Release_Gives_Back_Every_Page_Of_Fields_Up_To_A_Page_To_Be_Kept()
    {
        // Arrange: texts of 1 to 1,000 characters (each asks for up to three times its length, so some ask for more
        // than the next page's size): every page is still one of the pool's sizes, kept when given back.
        var pages = new BufferPool<byte>();
        var messages = new SessionMessages(pages, new BufferPool<int>());
        for (var id = 1; id <= 100; id++)
        {
            messages.TryAdd(new ChatMessage { ChatMessageId = id, Message = new string('x', id * 379 % 1_000 + 1) });
        }

        var inUse = pages.InUse;

        // Act
        messages.Release();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(inUse, Is.LessThan(BufferPool<byte>.MinimumKept), "all of it within what the pool keeps");
            Assert.That(pages.Free, Is.EqualTo(inUse));
            Assert.That(pages.InUse, Is.Zero);
        });
    }

    [Test]
    public void TryAdd_Refused_Gives_Back_The_Pages_It_Took()
    {
        // Arrange: room for a few short messages; the refused one's first fields fit in a new page, its text does not.
        var pages = new BufferPool<byte>();
        var messages = new SessionMessages(pages, new BufferPool<int>(), maxBytes: 300);
        var id = 0;
        while (messages.TryAdd(new ChatMessage { ChatMessageId = ++id, Message = "short" }))
        {
        }

        var inUse = pages.InUse;
        var byteCount = messages.ByteCount;

        // Act
        var added = messages.TryAdd(new ChatMessage { ChatMessageId = ++id, Message = new string('x', 5_000) });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.False);
            Assert.That(pages.InUse, Is.EqualTo(inUse));
            Assert.That(messages.ByteCount, Is.EqualTo(byteCount));
            Assert.That(CarrierCodecs.ChatMessage.ReadAll(messages.CopyFrom(0)), Has.Length.EqualTo(id - 2));
        });
    }

    private static SessionMessages Fill(SessionMessages messages, int count)
    {
        for (var id = 1; id <= count; id++)
        {
            messages.TryAdd(new ChatMessage { ChatMessageId = id, Message = "Hello, I have a question about invoice " + id, Author = "Kari Nordmann" });
        }

        return messages;
    }
}
