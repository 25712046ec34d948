using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatMock.Chat;
using ChatMock.Messages;
using ChatMock.Server;
using ChatMock.Testing.Remote;

namespace ChatMock.Testing.Tests.Remote;

/// <summary>The remote chat state against a real standalone server on a port of the system's choosing.</summary>
public sealed class RemoteChatStateTests
{
    private ChatMockServer _server = null!;
    private ChatMockRemote _remote = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _remote = new ChatMockRemote(_server.Url);
    }

    [TearDown]
    public void StopServer()
    {
        _remote.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task SeedSessionAsync_Stores_What_The_Api_And_The_Reads_Give_Back()
    {
        // Act
        var stored = await _remote.Chat.SeedSessionAsync(
            new ChatSessionEntity { ChatSessionId = 7, TopicId = 1, Status = "InQueue", CustomerName = "Kari" },
            new ChatMessage { Type = "ToUser", Message = "Hello?", Author = "Kari" },
            new ChatMessage { Type = "ToCustomer", Message = "Hi Kari.", Author = "Tore", WhenPosted = "2026-11-24T12:01:00Z" });
        var read = await _remote.Chat.GetSessionAsync(7);
        var sessions = await _remote.Chat.GetSessionsAsync();
        var api = await GetAsync("/api/v1/ChatSession/7/Messages");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stored.Session.ChatSessionId, Is.EqualTo(7));
            Assert.That(stored.Session.CustomerAlias, Is.EqualTo(string.Empty), "null: the schema's default");
            Assert.That(stored.Messages.Select(m => m.ChatMessageId), Is.EqualTo(new int?[] { 1, 2 }));
            Assert.That(stored.Messages[0].WhenPosted, Is.Not.Null, "no WhenPosted: the server's time");
            Assert.That(read, Is.Not.Null);
            Assert.That(read!.Session, Is.EqualTo(stored.Session));
            Assert.That(read.Messages, Is.EqualTo(stored.Messages));
            Assert.That(sessions.Select(s => s.ChatSessionId), Is.EqualTo(new int?[] { 7 }));
            Assert.That(api, Does.Contain("Hi Kari."));
        });
    }

    [Test]
    public async Task GetSessionAsync_Of_A_Session_There_Is_Not_Is_Null_And_Delete_Says_So()
    {
        // Act
        var read = await _remote.Chat.GetSessionAsync(99);
        var deleted = await _remote.Chat.DeleteSessionAsync(99);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Null);
            Assert.That(deleted, Is.False);
        });
    }

    [Test]
    public async Task DeleteSessionAsync_Removes_A_Seeded_Session()
    {
        // Arrange
        await _remote.Chat.SeedSessionAsync(new ChatSessionEntity { ChatSessionId = 3 });

        // Act
        var deleted = await _remote.Chat.DeleteSessionAsync(3);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(await _remote.Chat.GetSessionAsync(3), Is.Null);
        });
    }

    [Test]
    public async Task SeedSessionAsync_That_Breaks_The_Contract_Throws_Saying_Where()
    {
        // Act
        var ex = Assert.ThrowsAsync<HttpRequestException>(() => _remote.Chat.SeedSessionAsync(new ChatSessionEntity { ChatSessionId = 3, Status = "Asleep" }));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ex.Message, Does.Contain("/session/Status"));
            Assert.That(await _remote.Chat.GetSessionAsync(3), Is.Null);
        });
    }

    [Test]
    public void SeedSessionAsync_Without_An_Id_Throws()
    {
        // Act
        // Assert
        Assert.ThrowsAsync<ArgumentException>(() => _remote.Chat.SeedSessionAsync(new ChatSessionEntity { CustomerName = "No id" }));
    }

    [Test]
    public async Task ReplaceTopicsAsync_Replaces_Them_For_The_Api()
    {
        // Act
        var stored = await _remote.Chat.ReplaceTopicsAsync([new ChatTopicEntity { ChatTopicId = 30, Name = "Returns" }]);
        var read = await _remote.Chat.GetTopicsAsync();
        var api = await GetAsync("/api/v1/ChatTopic/30");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(t => t.Name), Is.EqualTo(new[] { "Returns" }));
            Assert.That(read, Is.EqualTo(stored));
            Assert.That(api, Does.Contain("\"Name\":\"Returns\""));
        });
    }

    [Test]
    public async Task ClearAsync_Forgets_The_Sessions_And_Keeps_The_Journal()
    {
        // Arrange
        await GetAsync("/api/v1/ChatSession/5");
        await _remote.Chat.SeedSessionAsync(new ChatSessionEntity { ChatSessionId = 5 });

        // Act
        await _remote.Chat.ClearAsync();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await _remote.Chat.GetSessionsAsync(), Is.Empty);
            Assert.That(_remote.Journal.Count, Is.EqualTo(1));
        });
    }

    [TestCase(true, 0)]
    [TestCase(false, 1)]
    public async Task ResetAsync_Forgets_The_Sessions_And_The_Journal_When_Asked(bool journal, int callsLeft)
    {
        // Arrange
        await GetAsync("/api/v1/ChatSession/5");
        await _remote.Chat.SeedSessionAsync(new ChatSessionEntity { ChatSessionId = 5 });

        // Act
        await _remote.Chat.ResetAsync(journal);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await _remote.Chat.GetSessionsAsync(), Is.Empty);
            Assert.That(_remote.Journal.Count, Is.EqualTo(callsLeft));
        });
    }

    [Test]
    public async Task Chat_Sends_The_Admin_Token_The_Server_Asks_For()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "remote-state-token-1" });
        using var withToken = new ChatMockRemote(server.Url, "remote-state-token-1");
        using var without = new ChatMockRemote(server.Url);

        // Act
        var sessions = await withToken.Chat.GetSessionsAsync();
        var ex = Assert.ThrowsAsync<HttpRequestException>(() => without.Chat.GetSessionsAsync());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(sessions, Is.Empty);
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    private async Task<string> GetAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = _server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
