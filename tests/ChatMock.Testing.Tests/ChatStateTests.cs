using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Testing.Tests;

/// <summary>The in-memory host's chat state from C#: <see cref="ChatMockTestHost.Chat"/> and <see cref="ChatStoreExtensions.SeedSession"/>.</summary>
public sealed class ChatStateTests
{
    private ChatMockTestHost _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await ChatMockTestHost.StartAsync(options => options.Seed = 3);
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [SetUp]
    public void ResetState() => _host.Reset(resetIds: true);

    [Test]
    public async Task SeedSession_Stores_The_Session_And_Messages_The_Api_Reads_Back()
    {
        // Arrange
        var seeded = _host.Chat.SeedSession(
            new ChatSessionEntity { ChatSessionId = 12, TopicId = 1, Status = "InQueue", CustomerName = "Kari" },
            new ChatMessage { Type = "ToUser", Message = "Hello?", Author = "Kari", ReadByCustomer = 1, SpecialType = "None", WhenPosted = "2026-11-24T12:00:00Z" },
            new ChatMessage { Type = "ToCustomer", Message = "Hi Kari.", Author = "Tore", ReadByCustomer = 0, SpecialType = "None", WhenPosted = "2026-11-24T12:01:00Z" });

        // Act
        using var response = await _client.PostAsync(
            "/api/v1/Agents/Chat/GetChatMessages", new StringContent("""{"ChatSessionId": 12, "After": 0}""", Encoding.UTF8, "application/json"));
        using var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = await _client.GetStringAsync("/api/v1/ChatSession/12");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(seeded.ChatSessionId, Is.EqualTo(12));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(messages.RootElement.EnumerateArray().Select(m => m.GetProperty("Message").GetString()), Is.EqualTo(new[] { "Hello?", "Hi Kari." }));
            Assert.That(messages.RootElement.EnumerateArray().Select(m => m.GetProperty("ChatMessageId").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(session, Does.Contain("\"CustomerName\":\"Kari\"").And.Contain("\"Status\":\"InQueue\""), "the messages leave the session as seeded");
            Assert.That(_host.Chat.Sessions().Select(s => s.ChatSessionId), Is.EqualTo(new int?[] { 12 }));
        });
    }

    [Test]
    public void SeedSession_Replaces_A_Session_Of_The_Same_Id_And_Its_Messages()
    {
        // Arrange
        _host.Chat.SeedSession(new ChatSessionEntity { ChatSessionId = 5, CustomerName = "Old" }, new ChatMessage { Message = "Old" });

        // Act
        var seeded = _host.Chat.SeedSession(new ChatSessionEntity { ChatSessionId = 5, CustomerName = "New" }, new ChatMessage { Message = "New" });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(seeded.CustomerName, Is.EqualTo("New"));
            Assert.That(_host.Chat.Messages(5)!.Select(m => m.Message), Is.EqualTo(new[] { "New" }));
            Assert.That(_host.Chat.Sessions(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void SeedSession_Without_An_Id_Takes_The_Next()
    {
        // Arrange
        _host.Chat.SeedSession(new ChatSessionEntity { ChatSessionId = 40 });

        // Act
        var seeded = _host.Chat.SeedSession(new ChatSessionEntity { CustomerName = "Next" });

        // Assert
        Assert.That(seeded.ChatSessionId, Is.EqualTo(41));
    }

    [Test]
    public async Task SeedSession_Over_The_Session_Limit_Throws_Saying_Why()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(options => options.MaxMessagesPerSession = 1);

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => host.Chat.SeedSession(new ChatSessionEntity { ChatSessionId = 1 }, new ChatMessage(), new ChatMessage()));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("SessionFull"));
            Assert.That(host.Chat.Messages(1), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void SeedSession_With_Null_Arguments_Throws()
    {
        // Act
        // Assert
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => ChatStoreExtensions.SeedSession(null!, new ChatSessionEntity()));
            Assert.Throws<ArgumentNullException>(() => _host.Chat.SeedSession(null!));
            Assert.Throws<ArgumentNullException>(() => _host.Chat.SeedSession(new ChatSessionEntity(), null!));
            Assert.Throws<ArgumentNullException>(() => _host.Chat.SeedSession(new ChatSessionEntity(), [null!]));
        });
    }

    [Test]
    public async Task Chat_Is_The_Engines_Store_And_Sees_What_The_Api_Made()
    {
        // Act
        using var response = await _client.PostAsync(
            "/api/v1/Agents/Chat/AddChatMessage", new StringContent("""{"ChatSessionId": 9, "Message": {"Type": "ToUser", "Message": "Hi"}}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_host.Chat, Is.SameAs(_host.Engine.Chat));
            Assert.That(_host.Chat.Session(9)!.LastMessage, Is.EqualTo("Hi"));
        });
    }
}
