using System.Collections.Concurrent;
using System.Globalization;
using ChatMock.Core.Tests.Support;

namespace ChatMock.Core.Tests.Chat;

/// <summary>Calls to one session from many threads at once: nothing lost, ids unique and in order.</summary>
public sealed class ChatConcurrencyTests
{
    private const int Posts = 100;

    [Test]
    public void AddChatMessage_Posted_100_Times_At_Once_To_One_Session_Keeps_Every_Message_With_Unique_Ascending_Ids()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0);
        var sessionId = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 1}""")).Json().GetProperty("ChatSessionId").GetInt32();
        var answered = new ConcurrentBag<(int Status, int Id, string Text)>();

        // Act
        AtOnce(Posts, i =>
        {
            var text = "message " + i.ToString(CultureInfo.InvariantCulture);
            var response = engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{sessionId}}}, "Message": {"Type": "ToUser", "Message": "{{{text}}}"}}"""));
            answered.Add((response.StatusCode, response.StatusCode == 200 ? response.Json().GetProperty("ChatMessageId").GetInt32() : 0, text));
        });
        var read = engine.Handle(ChatCall.Agent("GetChatMessages", $$"""{"ChatSessionId": {{sessionId}}}""")).Json();

        // Assert
        var ids = read.EnumerateArray().Select(m => m.GetProperty("ChatMessageId").GetInt32()).ToList();
        var texts = read.EnumerateArray().Select(m => m.GetProperty("Message").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(answered.Select(a => a.Status), Is.All.EqualTo(200));
            Assert.That(answered.Select(a => a.Id), Is.Unique);
            Assert.That(ids, Has.Count.EqualTo(Posts));
            Assert.That(ids, Is.Ordered.Ascending.And.Unique);
            Assert.That(ids, Is.EquivalentTo(answered.Select(a => a.Id)), "every answered id is stored");
            Assert.That(texts, Is.EquivalentTo(answered.Select(a => a.Text)), "every posted text is stored");
            Assert.That(answered.OrderBy(a => a.Id).Select(a => a.Text), Is.EqualTo(texts), "each id is the message it was answered with");
            Assert.That(engine.Chat.Session(sessionId)!.LastMessage, Is.EqualTo(texts[^1]));
        });
    }

    [Test]
    public void SaveChatSessionEntity_Racing_Messages_To_The_Same_Session_Loses_No_Update()
    {
        // Arrange
        var engine = ChatOperationCases.NewEngine(sampleSessions: 0);
        var sessionId = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 1}""")).Json().GetProperty("ChatSessionId").GetInt32();
        const int saves = 50;
        var statuses = new ConcurrentBag<int>();

        // Act: messages and saves interleaved, from many threads.
        AtOnce(Posts + saves, i =>
        {
            var response = i % 3 == 2
                ? engine.Handle(ChatCall.Agent("SaveChatSessionEntity", $$"""{"ChatSessionId": {{sessionId}}, "CustomerName": "Kari {{i}}", "CustomerEmail": "kari@example.com"}"""))
                : engine.Handle(ChatCall.Agent("AddChatMessage", $$$"""{"ChatSessionId": {{{sessionId}}}, "Message": {"Type": "ToCustomer", "Message": "reply {{{i}}}"}}"""));
            statuses.Add(response.StatusCode);
        });

        // Assert
        var messages = engine.Chat.Messages(sessionId)!;
        var session = engine.Chat.Session(sessionId)!;
        var saved = engine.Journal.GetCalls().Where(c => c.Operation == "SaveChatSessionEntity").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(200));
            Assert.That(saved, Has.Count.EqualTo(saves));
            Assert.That(messages, Has.Count.EqualTo(Posts));
            Assert.That(messages.Select(m => m.ChatMessageId), Is.Ordered.Ascending.And.Unique);
            Assert.That(session.CustomerEmail, Is.EqualTo("kari@example.com"), "the saved property is kept");
            Assert.That(session.CustomerName, Does.StartWith("Kari "), "the saved property is kept");
            Assert.That(session.LastMessage, Is.EqualTo(messages[^1].Message), "no save put back an older LastMessage");
            Assert.That(session.FirstMessage, Is.EqualTo(messages[0].Message));
            Assert.That(session.Status, Is.EqualTo("UserLast"));
        });
    }

    /// <summary>Runs <paramref name="work"/> for 0 to <paramref name="count"/> - 1 on four threads that start together.</summary>
    private static void AtOnce(int count, Action<int> work)
    {
        const int threads = 4;
        using var start = new Barrier(threads);
        var failures = new ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = t; i < count; i += threads)
            {
                try
                {
                    work(i);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.That(w.Join(TimeSpan.FromMinutes(1)), Is.True, "a worker finished"));
        Assert.That(failures, Is.Empty);
    }
}
