using System.Text.Json;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Core.Tests.Chat;

/// <summary>DESIGN.md D4 for the chat API: the same seed, clock and calls give the same bytes; ids increase per kind.</summary>
public sealed class ChatDeterminismTests
{
    [TestCase(3)]
    [TestCase(12345)]
    public void Engines_With_The_Same_Seed_And_Clock_Given_The_Same_Calls_Answer_Byte_Identically(int seed)
    {
        // Arrange
        var first = Run(seed);

        // Act
        var second = Run(seed);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Has.Count.EqualTo(first.Count));
            for (var i = 0; i < Math.Min(first.Count, second.Count); i++)
            {
                Assert.That(second[i], Is.EqualTo(first[i]), $"call {i}");
            }

            Assert.That(first.Count(a => a.StartsWith("200 ", StringComparison.Ordinal)), Is.GreaterThan(first.Count / 2), "most calls succeed, so answers with data are compared");
        });
    }

    [Test]
    public void Engines_With_Other_Seeds_Given_The_Same_Calls_Answer_Differently()
    {
        // Act
        var one = Run(1);
        var other = Run(2);

        // Assert: the comparison above can fail, as the seed reaches the answers.
        Assert.That(other, Is.Not.EqualTo(one));
    }

    [Test]
    public void Ids_Over_A_Sequence_Of_All_Operations_Increase_Per_Kind()
    {
        // Arrange
        var time = new FakeTimeProvider(ChatOperationCases.Start);
        var engine = ChatOperationCases.NewEngine(5, sampleSessions: 3, time: time);

        // Act
        Run(engine, time, new Random(5), _ => { });

        // Assert
        var calls = engine.Journal.GetCalls().Where(c => c.Response.StatusCode == 200).ToList();
        var newSessionIds = calls
            .Where(c => c.Operation == "CreateChatSessionForTopic" && c.Response.ContentType.StartsWith("application/json", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c.Response.Body).RootElement.GetProperty("ChatSessionId").GetInt32())
            .ToList();
        var newMessageIds = calls.Where(c => c.Operation == "AddChatMessage").Select(c => c.Response.ChatMessage!.ChatMessageId!.Value).ToList();
        var stored = engine.Chat.Sessions().Select(s => s.ChatSessionId!.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(newSessionIds, Has.Count.GreaterThan(50));
            Assert.That(newSessionIds, Is.Ordered.Ascending.And.Unique);
            Assert.That(newSessionIds[0], Is.GreaterThan(3), "after the sample sessions");
            Assert.That(newMessageIds, Has.Count.GreaterThan(50));
            Assert.That(newMessageIds, Is.Ordered.Ascending.And.Unique);
            Assert.That(stored, Is.Ordered.Ascending.And.Unique);
            Assert.That(stored.SelectMany(id => engine.Chat.Messages(id)!).Select(m => m.ChatMessageId), Is.Unique);
            foreach (var id in stored)
            {
                Assert.That(engine.Chat.Messages(id)!.Select(m => m.ChatMessageId), Is.Ordered.Ascending, $"session {id}");
            }
        });
    }

    /// <summary>A fresh engine of the seed, given every operation three times over; each answer as status, type and body.</summary>
    private static List<string> Run(int seed)
    {
        var time = new FakeTimeProvider(ChatOperationCases.Start);
        var engine = ChatOperationCases.NewEngine(seed, sampleSessions: 3, time: time);
        var answers = new List<string>();
        Run(engine, time, new Random(seed), response => answers.Add($"{response.StatusCode} {response.ContentType} {response.BodyText()}"));
        return answers;
    }

    private static void Run(ChatMockEngine engine, FakeTimeProvider time, Random random, Action<ChatMockResponse> seen)
    {
        var formats = new[] { "application/json", "application/xml" };
        for (var round = 0; round < 3; round++)
        {
            foreach (var operation in ChatOperationCases.Operations)
            {
                // A new session for each call: a deleted one does not starve the calls after it.
                var created = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", $$"""{"ChatTopicId": {{1 + (round % 3)}}}"""));
                seen(created);
                var sessionId = created.Json().GetProperty("ChatSessionId").GetInt32();
                if (round > 0)
                {
                    // No Message: ChatMock makes one up from the seed.
                    seen(engine.Handle(ChatCall.Agent("AddChatMessage", $$"""{"ChatSessionId": {{sessionId}}}""")));
                }

                time.Advance(TimeSpan.FromSeconds(random.Next(1, 90)));
                var accept = new KeyValuePair<string, string>("Accept", formats[random.Next(formats.Length)]);
                seen(engine.Handle(ChatOperationCases.Request(operation, sessionId, 1 + random.Next(3), random, headers: accept)));
                seen(engine.Handle(ChatCall.Http("GET", "/api/v1/ChatSession/ForCurrentUser")));
            }
        }
    }
}
