using System.Globalization;
using ChatMock.Chat;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.Chat;

/// <summary>The store's limits: MaxSessions, MaxMessagesPerSession, MaxMessages and MaxChatBytes, and memory bounded over many calls.</summary>
public sealed class ChatBoundsTests
{
    [Test]
    public void MaxSessions_Reached_Removes_The_Least_Recently_Active_Session()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o => o.MaxSessions = 3);
        var first = NewSession(engine);
        var second = NewSession(engine);
        var third = NewSession(engine);
        Post(engine, first, "still here");

        // Act
        var fourth = NewSession(engine);
        var gone = engine.Handle(ChatCall.Http("GET", $"/api/v1/ChatSession/{second}"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(engine.Chat.Sessions().Select(s => s.ChatSessionId), Is.EqualTo(new int?[] { first, third, fourth }));
            Assert.That(fourth, Is.GreaterThan(third), "ids keep increasing");
            Assert.That(gone.StatusCode, Is.EqualTo(404));
            Assert.That(engine.Chat.Messages(first)!.Single().Message, Is.EqualTo("still here"));
        });
    }

    [Test]
    public void MaxMessagesPerSession_Reached_Answers_507_And_Loses_Nothing()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o => o.MaxMessagesPerSession = 5);
        var session = NewSession(engine);
        for (var i = 1; i <= 5; i++)
        {
            Post(engine, session, "message " + i.ToString(CultureInfo.InvariantCulture));
        }

        var before = engine.Chat.Session(session);

        // Act
        var refused = engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{session}}}, "Message": {"Type": "ToUser", "Message": "one too many"}}"""));
        var twin = engine.Handle(ChatCall.Http("POST", $"/api/v1/ChatSession/{session}/Messages", """{"Type": "ToUser", "Message": "one too many"}"""));

        // Assert
        var envelope = refused.Json();
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(507));
            Assert.That(twin.StatusCode, Is.EqualTo(507));
            Assert.That(envelope.GetProperty("Error").GetBoolean(), Is.True);
            Assert.That(envelope.GetProperty("ErrorType").GetString(), Is.EqualTo("ChatMockStoreFullException"));
            Assert.That(envelope.GetProperty("ErrorMessage").GetString(), Does.Contain("5"));
            Assert.That(engine.Chat.Messages(session)!.Select(m => m.Message), Is.EqualTo(new[] { "message 1", "message 2", "message 3", "message 4", "message 5" }));
            Assert.That(engine.Chat.Session(session), Is.EqualTo(before), "the session is untouched by the refused message");
            Assert.That(engine.Handle(ChatCall.Http("GET", $"/api/v1/ChatSession/{session}")).StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public void MaxChatBytes_Passed_By_One_Session_Alone_Answers_507_And_Loses_Nothing()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o => o.MaxChatBytes = 1_048_576);
        var session = NewSession(engine);
        Post(engine, session, new string('a', 600_000));
        var before = engine.Chat.Session(session);

        // Act
        var refused = engine.Handle(ChatCall.Agent("AddChatMessage", BigMessage(session, 'b', 600_000)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(507), refused.BodyText);
            Assert.That(refused.Json().GetProperty("ErrorType").GetString(), Is.EqualTo("ChatMockStoreFullException"));
            Assert.That(refused.Json().GetProperty("ErrorMessage").GetString(), Does.Contain("MaxChatBytes"));
            Assert.That(engine.Chat.Messages(session)!.Select(m => m.Message!.Length), Is.EqualTo(new[] { 600_000 }));
            Assert.That(engine.Chat.Session(session), Is.EqualTo(before), "the session is untouched by the refused message");
        });
    }

    [Test]
    public void MaxChatBytes_Passed_By_A_Message_To_A_Session_Made_For_It_Takes_The_Session_Back()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o => (o.MaxChatBytes, o.MaxRequestBodyBytes) = (1_048_576, 2_097_152));
        var sessionsBefore = engine.Chat.Sessions().Count;

        // Act
        var refused = engine.Handle(ChatCall.Agent("AddChatMessage", BigMessage(777, 'c', 1_100_000)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(507), refused.BodyText);
            Assert.That(engine.Chat.Session(777), Is.Null);
            Assert.That(engine.Chat.Sessions(), Has.Count.EqualTo(sessionsBefore));
        });
    }

    [Test]
    public void MaxChatBytes_Passed_In_All_Removes_Least_Recently_Active_Sessions_And_Keeps_The_One_Posted_To()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o => o.MaxChatBytes = 1_048_576);
        var sessions = new[] { NewSession(engine), NewSession(engine), NewSession(engine) };

        // Act: 400,000 bytes to each; the third passes 1 MiB in all.
        foreach (var session in sessions)
        {
            Post(engine, session, new string('d', 400_000));
        }

        // Assert
        var store = (InMemoryChatStore)engine.Chat;
        Assert.Multiple(() =>
        {
            Assert.That(engine.Chat.Session(sessions[0]), Is.Null, "the least recently active session went");
            Assert.That(engine.Chat.Messages(sessions[1]), Has.Count.EqualTo(1));
            Assert.That(engine.Chat.Messages(sessions[2]), Has.Count.EqualTo(1));
            Assert.That(store.ByteCount, Is.LessThanOrEqualTo(1_048_576));
            Assert.That(store.ByteCount, Is.GreaterThan(800_000));
        });
    }

    [Test]
    public void MaxMessages_Reached_Removes_Least_Recently_Active_Sessions_And_Keeps_The_One_Posted_To()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o =>
        {
            o.MaxMessages = 10;
            o.MaxMessagesPerSession = 6;
        });
        var sessions = new[] { NewSession(engine), NewSession(engine), NewSession(engine) };
        var counts = new List<int>();

        // Act
        for (var i = 0; i < 11; i++)
        {
            Post(engine, sessions[i % 3], "m" + i.ToString(CultureInfo.InvariantCulture));
            counts.Add(engine.Chat.Sessions().Sum(s => engine.Chat.Messages(s.ChatSessionId!.Value)?.Count ?? 0));
        }

        // Assert: the 11th message (to the second session) pushed out the third, least recently active (its last
        // message was the 9th; the first session had the 10th).
        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.All.LessThanOrEqualTo(10));
            Assert.That(counts, Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 8 }));
            Assert.That(engine.Chat.Session(sessions[2]), Is.Null);
            Assert.That(engine.Chat.Messages(sessions[0])!.Select(m => m.Message), Is.EqualTo(new[] { "m0", "m3", "m6", "m9" }));
            Assert.That(engine.Chat.Messages(sessions[1])!.Select(m => m.Message), Is.EqualTo(new[] { "m1", "m4", "m7", "m10" }));
        });
    }

    [Test]
    public void MaxSessions_Reached_After_Many_Messages_And_A_Deleted_Id_Reused_Removes_The_Least_Recently_Active()
    {
        // Arrange: the store forgets old times of activity as they pile up (here every 70 or so); session 2 is deleted
        // and made again under its id, so its old times must not count for the new one.
        var store = new InMemoryChatStore(new ChatStoreLimits(MaxSessions: 3, MaxMessagesPerSession: 1_000, MaxMessages: 10_000), 1, []);
        foreach (var id in new[] { 1, 2, 3 })
        {
            store.AddSession(new ChatSessionEntity { ChatSessionId = id });
        }

        var message = new ChatMessage { Type = "ToUser", Message = "hello" };
        for (var i = 0; i < 500; i++)
        {
            store.AddMessage(i % 2 == 0 ? 1 : 2, _ => message, null, null);
        }

        store.DeleteSession(2);
        store.AddSession(new ChatSessionEntity { ChatSessionId = 2 });
        store.AddMessage(3, _ => message, null, null);
        store.AddMessage(1, _ => message, null, null);

        // Act: activity from the least recent is 2 (made again), 3, 1.
        store.AddSession(new ChatSessionEntity { ChatSessionId = 4 });
        var afterFourth = store.Sessions().Select(s => s.ChatSessionId).ToList();
        store.AddSession(new ChatSessionEntity { ChatSessionId = 5 });
        var afterFifth = store.Sessions().Select(s => s.ChatSessionId).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(afterFourth, Is.EqualTo(new int?[] { 1, 3, 4 }));
            Assert.That(afterFifth, Is.EqualTo(new int?[] { 1, 4, 5 }));
            Assert.That(store.MessageCountOf(1), Is.EqualTo(251));
        });
    }

    [Test]
    public void Store_Given_A_Million_Calls_Stays_Within_Its_Limits()
    {
        // Arrange
        var limits = new ChatStoreLimits(MaxSessions: 100, MaxMessagesPerSession: 50, MaxMessages: 2_000, MaxBytes: 100_000);
        var store = new InMemoryChatStore(limits, 1, []);
        var random = new Random(42);
        var refusedFull = 0;
        var message = new ChatMessage { Type = "ToUser", Message = "hello" };

        var recent = new int[200];

        // Act: a million calls, most of them messages, to recent sessions (some removed by now) and unknown ones.
        for (var call = 0; call < 1_000_000; call++)
        {
            if (call % 20 == 0)
            {
                recent[(call / 20) % recent.Length] = store.AddSession(new ChatSessionEntity { Status = "InQueue" }).ChatSessionId!.Value;
                continue;
            }

            var target = call % 7 == 0 ? random.Next(1, 1_000_000) : recent[random.Next(Math.Min(recent.Length, 1 + (call / 20)))];
            var added = store.AddMessage(target, _ => message, new ChatSessionEntity { Status = "InQueue" }, null);
            refusedFull += added.Outcome == MessageAddition.SessionFull ? 1 : 0;
            if (call % 9_973 == 0)
            {
                AssertWithin(store, limits);
            }
        }

        // Assert
        AssertWithin(store, limits);
        Assert.That(refusedFull, Is.GreaterThan(0), "sessions reached MaxMessagesPerSession");
    }

    [Test]
    public void Engine_Given_20000_Calls_Keeps_Store_And_Journal_Bounded()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0, configure: o =>
        {
            o.MaxSessions = 50;
            o.MaxMessagesPerSession = 40;
            o.MaxMessages = 1_000;
            o.JournalCapacity = 500;
        });
        var statuses = new Dictionary<int, int>();

        // Act
        for (var call = 0; call < 20_000; call++)
        {
            var response = call % 10 == 0
                ? engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 2}"""))
                : engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{1 + (call % 300)}}}, "Message": {"Type": "ToUser", "Message": "hi"}}"""));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        // Assert
        var sessions = engine.Chat.Sessions();
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Keys, Is.SubsetOf(new[] { 200, 507 }), () => string.Join(", ", statuses));
            Assert.That(sessions, Has.Count.LessThanOrEqualTo(50));
            Assert.That(sessions.Sum(s => engine.Chat.Messages(s.ChatSessionId!.Value)!.Count), Is.LessThanOrEqualTo(1_000));
            Assert.That(engine.Journal.GetCalls(), Has.Count.LessThanOrEqualTo(500));
        });
    }

    private static void AssertWithin(InMemoryChatStore store, ChatStoreLimits limits)
    {
        var sessions = store.Sessions();
        var perSession = sessions.Select(s => store.Messages(s.ChatSessionId!.Value)!.Count).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sessions, Has.Count.LessThanOrEqualTo(limits.MaxSessions));
            Assert.That(perSession, Is.All.LessThanOrEqualTo(limits.MaxMessagesPerSession));
            Assert.That(perSession.Sum(), Is.LessThanOrEqualTo(limits.MaxMessages));
            Assert.That(store.MessageCount, Is.EqualTo(perSession.Sum()), "the count kept matches the messages held");
            Assert.That(store.ByteCount, Is.LessThanOrEqualTo(limits.MaxBytes));
            Assert.That(store.QueuedSessions, Is.EqualTo(sessions.Count(s => s.Status == InMemoryChatStore.QueuedStatus)), "the queue count kept matches the sessions held");
        });
    }

    private static string BigMessage(int sessionId, char letter, int length) =>
        $$$"""{"ChatSessionId": {{{sessionId}}}, "Message": {"Type": "ToUser", "Message": "{{{new string(letter, length)}}}"}}""";

    private static int NewSession(ChatMockEngine engine) =>
        engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 1}""")).Json().GetProperty("ChatSessionId").GetInt32();

    private static void Post(ChatMockEngine engine, int sessionId, string text)
    {
        var response = engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{sessionId}}}, "Message": {"Type": "ToUser", "Message": "{{{text}}}"}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText);
    }
}
