using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatMock.Server.Tests.Robustness;

/// <summary>
/// Many clients at once against the standalone server: every answer belongs to its own request, ids are unique,
/// and the journal holds exactly the calls sent (the newest ones, when it is smaller than the load).
/// </summary>
public sealed class ConcurrentLoadTests
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";
    private const int Clients = 32;
    private const int CallsPerClient = 100;

    [Test]
    public async Task Concurrent_Clients_Each_Get_Their_Own_Answers_And_Every_Call_Is_Recorded()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 3 });

        // Act
        var answers = await SendConcurrentlyAsync(server.Url);

        // Assert
        var calls = server.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(answers.Where(a => a.Problem is not null).Select(a => a.Problem), Is.Empty, "each answer belongs to its own request");
            Assert.That(answers.Select(a => a.ChatMessageId), Is.Unique);
            Assert.That(server.Journal.TotalRecorded, Is.EqualTo(Clients * CallsPerClient));
            Assert.That(calls.Select(c => c.Id), Is.Unique.And.Ordered);
            Assert.That(
                calls.Select(c => (c.AddChatMessage!.ChatSessionId, c.AddChatMessage.Message!.Message)),
                Is.EquivalentTo(answers.Select(a => (a.SessionId, a.Text))),
                "the journal holds exactly the calls sent");
            Assert.That(
                calls.All(c => c.Response.ChatMessage!.ChatSessionId == c.AddChatMessage!.ChatSessionId && c.Response.ChatMessage.Message == c.AddChatMessage.Message!.Message),
                Is.True,
                "each recorded answer belongs to its recorded request");
        });
    }

    [Test]
    public async Task Journal_Smaller_Than_The_Load_Keeps_The_Newest_Calls()
    {
        // Arrange
        const int capacity = 500;
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 3, JournalCapacity = capacity });

        // Act
        var answers = await SendConcurrentlyAsync(server.Url);

        // Assert
        var calls = server.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(answers.Where(a => a.Problem is not null).Select(a => a.Problem), Is.Empty);
            Assert.That(server.Journal.TotalRecorded, Is.EqualTo(Clients * CallsPerClient));
            Assert.That(calls, Has.Count.EqualTo(capacity));
            Assert.That(calls.Select(c => c.Id), Is.EqualTo(Enumerable.Range(Clients * CallsPerClient - capacity + 1, capacity).Select(i => (long)i)));
        });
    }

    private static async Task<List<Answer>> SendConcurrentlyAsync(Uri url)
    {
        var answers = new ConcurrentBag<Answer>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var sessionId = 10_000 + c;
            for (var i = 0; i < CallsPerClient; i++)
            {
                var text = $"client {c} call {i}";
                using var response = await client.PostAsJsonAsync(Path, new { ChatSessionId = sessionId, Message = new { Type = "ToCustomer", Message = text } });
                var body = await response.Content.ReadAsStringAsync();
                answers.Add(Check(sessionId, text, (int)response.StatusCode, body));
            }
        })));

        return [.. answers];
    }

    private static Answer Check(int sessionId, string text, int status, string body)
    {
        if (status != 200)
        {
            return new Answer(sessionId, text, 0, $"{text}: answered {status}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var answeredSession = root.GetProperty("ChatSessionId").GetInt32();
        var answeredText = root.GetProperty("Message").GetString();
        var problem = answeredSession != sessionId || answeredText != text
            ? $"{text} to session {sessionId} was answered with '{answeredText}' in session {answeredSession}"
            : null;
        return new Answer(sessionId, text, root.GetProperty("ChatMessageId").GetInt32(), problem);
    }

    private sealed record Answer(int SessionId, string Text, int ChatMessageId, string? Problem);
}
