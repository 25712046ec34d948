using System.Text;
using ChatMock.Contracts;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Core.Tests.Journal;

/// <summary>The journal keeps calls as bytes: what is read back must be what was recorded, field by field.</summary>
public sealed class CallCodecTests
{
    [Test]
    public void A_Call_With_Every_Field_Set_Reads_Back_Alike()
    {
        // Arrange
        var call = FullCall();

        // Act
        var read = CallCodec.Read(CallCodec.Write(call), id: 42);

        // Assert
        AssertAlike(read, call, expectedId: 42);
    }

    [Test]
    public void A_Call_With_Every_Optional_Field_Left_Out_Reads_Back_Alike()
    {
        // Arrange
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "GET", Path = "/" },
            Response = new RecordedResponse { StatusCode = 0 },
        };

        // Act
        var read = CallCodec.Read(CallCodec.Write(call), id: 1);

        // Assert
        AssertAlike(read, call, expectedId: 1);
        Assert.Multiple(() =>
        {
            Assert.That(read.Operation, Is.Null);
            Assert.That(read.AddChatMessage, Is.Null);
            Assert.That(read.Credentials, Is.Null);
            Assert.That(read.Fault, Is.Null);
            Assert.That(read.Response.ChatMessage, Is.Null);
            Assert.That(read.Request.Body, Is.Empty);
        });
    }

    [Test]
    public void A_Message_With_Null_And_Empty_Fields_Keeps_Them_Apart()
    {
        // Arrange
        var message = new ChatMessage { Type = string.Empty, Message = null, ReadByCustomer = 0, ChatMessageId = null, SpecialParam = "" };
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "POST", Path = "/" },
            AddChatMessage = new AddChatMessageRequest(-5, message),
            Response = new RecordedResponse { StatusCode = 200, ChatMessage = message },
        };

        // Act
        var read = CallCodec.Read(CallCodec.Write(call), id: 3);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.AddChatMessage, Is.EqualTo(new AddChatMessageRequest(-5, message)));
            Assert.That(read.Response.ChatMessage, Is.EqualTo(message));
        });
    }

    [Test]
    public void A_Body_Given_As_Text_Reads_Back_As_The_Same_Text()
    {
        // Arrange: calls answered by a user's WireMock mapping are recorded with their bodies as text
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "POST", Path = "/mine", Body = "{\"ChatSessionId\": \"ø\"}" },
            Response = new RecordedResponse { StatusCode = 503, Body = "down for maintenance – back soon" },
        };

        // Act
        var read = CallCodec.Read(CallCodec.Write(call), id: 9);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Request.Body, Is.EqualTo("{\"ChatSessionId\": \"ø\"}"));
            Assert.That(read.Response.Body, Is.EqualTo("down for maintenance – back soon"));
        });
    }

    [Test]
    public void Journal_Gives_Back_Huge_And_Small_Calls_Alike_Whatever_Came_Before_In_Their_Place()
    {
        // Arrange: a place of the ring first holds a large call (the most of a body the journal keeps), then small ones, then a large one again
        var journal = new CallJournal(capacity: 2);
        var huge = FullCall(bodyBytes: 60_000);
        var small = FullCall(bodyBytes: 10);

        // Act
        journal.Record(huge);
        journal.Record(small);
        journal.Record(small);
        journal.Record(huge);
        var calls = journal.GetCalls();

        // Assert
        Assert.That(calls, Has.Count.EqualTo(2));
        AssertAlike(calls[0], small, expectedId: 3);
        AssertAlike(calls[1], huge, expectedId: 4);
        AssertAlike(journal.Find(3)!, small, expectedId: 3);
    }

    [Test]
    public void Journal_Gives_A_New_Copy_On_Every_Read()
    {
        // Arrange
        var journal = new CallJournal(capacity: 4);
        journal.Record(FullCall());

        // Act
        var first = journal.Find(1)!;
        var second = journal.GetCalls()[0];

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.SameAs(first));
            Assert.That(second.Request.Body, Is.EqualTo(first.Request.Body));
            Assert.That(second.Response.ChatMessage, Is.EqualTo(first.Response.ChatMessage));
        });
    }

    private static RecordedCall FullCall(int bodyBytes = 64) => new()
    {
        Timestamp = new DateTimeOffset(2026, 11, 24, 10, 11, 12, TimeSpan.FromHours(1)).AddTicks(1234567),
        Duration = TimeSpan.FromTicks(98765),
        Request = new RecordedRequest
        {
            Method = "POST",
            Path = "/api/v1/Agents/Chat/AddChatMessage",
            QueryString = "?$select=Message",
            Headers = [new("Authorization", "Basic tjeu0"), new("Accept-Language", "nb"), new("X-Emoji", "🦊 ÆØÅ"), new("Accept-Language", "fr")],
            BodyUtf8 = Encoding.UTF8.GetBytes(new string('é', bodyBytes / 2)),
            BodyLength = bodyBytes + 1_000_000,
        },
        Operation = "AddChatMessage",
        AddChatMessage = new AddChatMessageRequest(403, new ChatMessage { Type = "ToUser", Message = "Hei på deg", Author = "Bjørn", ReadByCustomer = 1 }),
        Violations = [new ContractViolation("/Message/Type", "Expected one of Invalid, ToCustomer but got \"Outgoing\"."), new ContractViolation(string.Empty, "Second")],
        Warnings = ["first warning", "andre åtvaring"],
        Credentials = new Credentials("Basic", "tje0"),
        Delay = TimeSpan.FromMilliseconds(250),
        Fault = "code=503",
        Response = new RecordedResponse
        {
            StatusCode = 200,
            ContentType = "application/json; charset=utf-8",
            BodyUtf8 = Encoding.UTF8.GetBytes("{\"ChatMessageId\":7,\"Message\":\"Hei på deg\"}"),
            ChatMessage = new ChatMessage
            {
                ChatMessageId = int.MaxValue,
                ChatSessionId = int.MinValue,
                Type = "ToUser",
                Message = "Hei på deg 🦊",
                Author = "Bjørn",
                ReadByCustomer = 1,
                SpecialType = "None",
                SpecialParam = string.Empty,
                WhenPosted = "2026-11-24T10:11:12.1234567Z",
            },
        },
    };

    private static void AssertAlike(RecordedCall actual, RecordedCall expected, long expectedId) => Assert.Multiple(() =>
    {
        Assert.That(actual.Id, Is.EqualTo(expectedId));
        Assert.That(actual.Timestamp, Is.EqualTo(expected.Timestamp));
        Assert.That(actual.Timestamp.Offset, Is.EqualTo(expected.Timestamp.Offset));
        Assert.That(actual.Duration, Is.EqualTo(expected.Duration));
        Assert.That(actual.Request.Method, Is.EqualTo(expected.Request.Method));
        Assert.That(actual.Request.Path, Is.EqualTo(expected.Request.Path));
        Assert.That(actual.Request.QueryString, Is.EqualTo(expected.Request.QueryString));
        Assert.That(actual.Request.Headers, Is.EqualTo(expected.Request.Headers));
        Assert.That(actual.Request.Body, Is.EqualTo(expected.Request.Body));
        Assert.That(actual.Request.BodyLength, Is.EqualTo(expected.Request.BodyLength));
        Assert.That(actual.Operation, Is.EqualTo(expected.Operation));
        Assert.That(actual.AddChatMessage, Is.EqualTo(expected.AddChatMessage));
        Assert.That(actual.Violations, Is.EqualTo(expected.Violations));
        Assert.That(actual.Warnings, Is.EqualTo(expected.Warnings));
        Assert.That(actual.Credentials, Is.EqualTo(expected.Credentials));
        Assert.That(actual.Delay, Is.EqualTo(expected.Delay));
        Assert.That(actual.Fault, Is.EqualTo(expected.Fault));
        Assert.That(actual.Response.StatusCode, Is.EqualTo(expected.Response.StatusCode));
        Assert.That(actual.Response.ContentType, Is.EqualTo(expected.Response.ContentType));
        Assert.That(actual.Response.Body, Is.EqualTo(expected.Response.Body));
        Assert.That(actual.Response.ChatMessage, Is.EqualTo(expected.Response.ChatMessage));
    });
}
