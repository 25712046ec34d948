using ChatMock.Answers;
using ChatMock.Carriers;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.Journal;

/// <summary>
/// The journal copies a JSON answer's body as its <c>chatMessage</c> when the body is that message as the model's
/// writer wrote it: the kept JSON must be byte for byte what writing the message would give, and an answer that is not
/// that body must never be copied.
/// </summary>
public sealed class AnsweredMessageJournalTests
{
    [Test]
    public void A_Copied_Answer_Is_Kept_Byte_For_Byte_As_The_Written_Message()
    {
        // Arrange: 2,000 seeded messages of every kind of text, and one with a text past the journal's limit
        var texts = new SeededTexts(20261207);
        var messages = Enumerable.Range(0, 2_000)
            .Select(i => new ChatMessage { ChatMessageId = i, ChatSessionId = texts.Random.Next(), Type = texts.Next(), Message = texts.Next(), Author = texts.Next(), ReadByCustomer = i % 2, SpecialType = "None", SpecialParam = texts.Next(), WhenPosted = texts.Next() })
            .Append(new ChatMessage { ChatMessageId = 1, Message = new string('m', RecordedCallJson.TextLimit + 1) })
            .ToList();

        // Act
        var mismatches = messages
            .Where(message => Kept(Answered(message, copied: true)) != Kept(Answered(message, copied: false)))
            .Select(message => message.ChatMessageId)
            .ToList();

        // Assert
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void An_Answer_Put_In_Place_Of_The_Message_Body_Is_Not_Copied()
    {
        // Arrange: the answer step wrote the message, then an error answer took its place
        var journal = new CallJournal(10);
        var message = new ChatMessage { ChatMessageId = 7, Message = "Hei" };
        var outcome = new CallOutcome { Message = message, MessageBody = AnswerWriter.Json(Carrier.ChatMessage, message, default) };
        var error = new ChatMockResponse { StatusCode = 500, ContentType = "application/json", Body = "{\"Error\":\"x\"}"u8.ToArray() };
        var request = new ChatMockRequest { Method = "POST", Path = "/api/v1/Agents/Chat/AddChatMessage" };

        // Act
        new CallRecorder(journal).Record(request, error, outcome, DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        // Assert
        var kept = journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(kept.Response.Body, Is.EqualTo("{\"Error\":\"x\"}"));
            Assert.That(kept.Response.ChatMessage, Is.EqualTo(message));
        });
    }

    private static RecordedCall Answered(ChatMessage message, bool copied) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.Zero,
        Request = new RecordedRequest { Method = "POST", Path = "/api/v1/Agents/Chat/AddChatMessage" },
        Response = new RecordedResponse
        {
            StatusCode = 200,
            ContentType = "application/json; charset=utf-8",
            BodyUtf8 = AnswerWriter.Json(Carrier.ChatMessage, message, default),
            ChatMessage = message,
            ChatMessageIsBody = copied,
        },
    };

    private static string Kept(RecordedCall call) => Convert.ToBase64String(RecordedCallJson.WriteKept(call));
}
