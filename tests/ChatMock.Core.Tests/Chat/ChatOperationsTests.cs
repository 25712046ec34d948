using System.Text.Json;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Core.Tests.Chat;

/// <summary>The chat operations over the engine: sessions, messages, topics, and their REST twins.</summary>
public sealed class ChatOperationsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero); // a Wednesday

    private static ChatMockEngine NewEngine(ChatMockOptions? options = null)
    {
        options ??= new ChatMockOptions();
        options.Seed ??= 7;
        return new ChatMockEngine(options, new FakeTimeProvider(Start));
    }

    [Test]
    public void Conversation_Posted_As_Customer_And_Agent_Reads_Back_After_An_Id()
    {
        // Arrange
        var engine = NewEngine();
        var session = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 1}""")).Json();
        var id = session.GetProperty("ChatSessionId").GetInt32();

        // Act
        var first = engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{id}}}, "Message": {"Type": "ToUser", "Message": "Where is my parcel?", "Author": "Kari"}}""")).Json();
        var second = engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{id}}}, "Message": {"Type": "ToCustomer", "Message": "On its way!", "Author": "Ola"}}""")).Json();
        var all = engine.Handle(ChatCall.Agent("GetChatMessages", $$"""{"ChatSessionId": {{id}}, "After": 0}""")).Json();
        var after = engine.Handle(ChatCall.Http("GET", $"/api/v1/ChatSession/{id}/Messages?after={first.GetProperty("ChatMessageId").GetInt32()}")).Json();
        var stored = engine.Handle(ChatCall.Agent("GetChatSessionEntity", query: $"?chatSessionEntityId={id}")).Json();
        var transcript = engine.Handle(ChatCall.Agent("GetChatTranscript", $$"""{"ChatSessionId": {{id}}, "Html": false}""")).Json();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(session.GetProperty("Status").GetString(), Is.EqualTo("InQueue"));
            Assert.That(session.GetProperty("TopicId").GetInt32(), Is.EqualTo(1));
            Assert.That(all.EnumerateArray().Select(m => m.GetProperty("Message").GetString()), Is.EqualTo(new[] { "Where is my parcel?", "On its way!" }));
            Assert.That(after.EnumerateArray().Select(m => m.GetProperty("ChatMessageId").GetInt32()), Is.EqualTo(new[] { second.GetProperty("ChatMessageId").GetInt32() }));
            Assert.That(stored.GetProperty("FirstMessage").GetString(), Is.EqualTo("Where is my parcel?"));
            Assert.That(stored.GetProperty("LastMessage").GetString(), Is.EqualTo("On its way!"));
            Assert.That(stored.GetProperty("Status").GetString(), Is.EqualTo("UserLast"));
            Assert.That(stored.GetProperty("WhenIdle").GetString(), Is.EqualTo("2026-12-02T10:00:00Z"));
            Assert.That(transcript.GetString(), Is.EqualTo("[2026-12-02T10:00:00Z] Kari: Where is my parcel?\n[2026-12-02T10:00:00Z] Ola: On its way!\n"));
        });
    }

    [Test]
    public void Session_Read_Updated_And_Deleted_Over_Rest_Answers_404_After_Delete()
    {
        // Arrange
        var engine = NewEngine();
        var created = engine.Handle(ChatCall.Http("POST", "/api/v1/ChatSession", """{"ChatSessionId": 0, "CustomerName": "Kari Nordmann"}""")).Json();
        var id = created.GetProperty("ChatSessionId").GetInt32();

        // Act
        var updated = engine.Handle(ChatCall.Http("PUT", $"/api/v1/ChatSession/{id}", """{"CustomerEmail": "kari@example.com"}""")).Json();
        var deleted = engine.Handle(ChatCall.Http("DELETE", $"/api/v1/ChatSession/{id}"));
        var missing = engine.Handle(ChatCall.Http("GET", $"/api/v1/ChatSession/{id}"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("CustomerName").GetString(), Is.EqualTo("Kari Nordmann"));
            Assert.That(updated.GetProperty("CustomerEmail").GetString(), Is.EqualTo("kari@example.com"));
            Assert.That(deleted.StatusCode, Is.EqualTo(204));
            Assert.That(missing.StatusCode, Is.EqualTo(404));
            Assert.That(missing.Json().GetProperty("ErrorType").GetString(), Is.EqualTo("SoNotFoundException"));
            Assert.That(missing.Json().GetProperty("ErrorMessage").GetString(), Is.EqualTo($"ChatSession id {id} not found."));
        });
    }

    [Test]
    public void PickUp_Of_A_Queued_Session_Sends_The_Welcome_And_Of_Another_Answers_Null()
    {
        // Arrange
        var engine = NewEngine();
        var id = engine.Handle(ChatCall.Http("POST", "/api/v1/ChatTopic/1/Sessions")).Json().GetProperty("ChatSessionId").GetInt32();

        // Act
        var picked = engine.Handle(ChatCall.Agent("PickUpChatSession", $$"""{"ChatSessionId": {{id}}}"""));
        var again = engine.Handle(ChatCall.Agent("PickUpChatSession", $$"""{"ChatSessionId": {{id}}}"""));
        var reset = engine.Handle(ChatCall.Http("POST", $"/api/v1/ChatSession/{id}/Reset")).Json();
        var messages = engine.Handle(ChatCall.Http("GET", $"/api/v1/ChatSession/{id}/Messages")).Json();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(picked.Json().GetProperty("WhenStarted").GetString(), Is.EqualTo("2026-12-02T10:00:00Z"));
            Assert.That(again.StatusCode, Is.EqualTo(200));
            Assert.That(again.BodyText(), Is.EqualTo("null"));
            Assert.That(reset.GetProperty("Status").GetString(), Is.EqualTo("InQueue"));
            Assert.That(messages.EnumerateArray().Single().GetProperty("SpecialType").GetString(), Is.EqualTo("Welcome"));
        });
    }

    [Test]
    public void Message_To_An_Unknown_Session_Makes_It_Or_With_Reject_Answers_404()
    {
        // Arrange
        var lenient = NewEngine();
        var strict = NewEngine(new ChatMockOptions { UnknownSessions = UnknownSessionPolicy.Reject });
        const string body = """{"ChatSessionId": 403, "Message": null}""";

        // Act
        var made = lenient.Handle(ChatCall.Agent("AddChatMessage", body));
        var refused = strict.Handle(ChatCall.Agent("AddChatMessage", body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(made.StatusCode, Is.EqualTo(200));
            Assert.That(lenient.Chat.Session(403)?.Status, Is.EqualTo(lenient.Chat.Messages(403)!.Single().Type switch { "ToUser" => "CustomerLast", "ToCustomer" => "UserLast", _ => "InQueue" }));
            Assert.That(refused.StatusCode, Is.EqualTo(404));
            Assert.That(refused.Json().GetProperty("ErrorType").GetString(), Is.EqualTo("SoNotFoundException"));
            Assert.That(strict.Chat.Session(403), Is.Null);
        });
    }

    [Test]
    public void MessageCountOf_Counts_A_Sessions_Messages_And_Is_Null_For_None()
    {
        // Arrange
        var engine = NewEngine();
        engine.Handle(ChatCall.Agent("AddChatMessage", """{"ChatSessionId": 9, "Message": null}"""));
        engine.Handle(ChatCall.Agent("AddChatMessage", """{"ChatSessionId": 9, "Message": null}"""));

        // Act
        var count = engine.Chat.MessageCountOf(9);
        var none = engine.Chat.MessageCountOf(10);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(engine.Chat.Messages(9)!.Count).And.EqualTo(2));
            Assert.That(none, Is.Null);
        });
    }

    [Test]
    public void Query_Parameter_Not_An_Integer_Is_A_Contract_Violation()
    {
        // Arrange
        var engine = NewEngine();

        // Act
        var response = engine.Handle(ChatCall.Agent("GetChatSessionEntity", query: "?chatSessionEntityId=abc"));
        var missing = engine.Handle(ChatCall.Agent("GetChatSessionEntity"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Json().GetProperty("Violations")[0].GetProperty("Path").GetString(), Is.EqualTo("?chatSessionEntityId"));
            Assert.That(response.Json().GetProperty("Violations")[0].GetProperty("Message").GetString(), Is.EqualTo("Expected an integer (int32), got 'abc'."));
            Assert.That(missing.StatusCode, Is.EqualTo(400));
        });
    }

    [Test]
    public void Topics_Answer_Opening_Hours_As_A_Bare_Boolean_And_Lists_As_ArrayOf_In_Xml()
    {
        // Arrange
        var engine = NewEngine();

        // Act
        var open = engine.Handle(ChatCall.Agent("IsWithinOpeningHours", """{"ChatTopicId": 1}"""));
        var topics = engine.Handle(ChatCall.Http("GET", "/api/v1/ChatTopic/ForCurrentUser", headers: new KeyValuePair<string, string>("Accept", "application/xml")));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(open.BodyText(), Is.EqualTo("true"));
            Assert.That(topics.BodyText(), Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><ArrayOfChatTopicEntity xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ChatTopicEntity><ChatTopicId>1</ChatTopicId>"));
        });
    }
}
