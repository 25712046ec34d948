using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.Chat;

/// <summary>One session's messages as bytes: a message past the session's most bytes is refused before the buffer grows.</summary>
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
}
