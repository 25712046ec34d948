using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatMock.Testing.Tests;

/// <summary><c>MapChatMock</c> serves every operation of the chat API in an application of one's own, beside its own endpoints.</summary>
public sealed class ChatMockEndpointsChatApiTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartApplication()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddChatMock(options => options.Seed = 11);
        _app = builder.Build();
        _app.MapGet("/health", () => "ok");
        _app.MapGet("/api/v2/own", () => "mine");
        _app.MapChatMock();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        _app.Services.GetRequiredService<ChatMockEngine>().Chat.SeedSession(
            new ChatSessionEntity { ChatSessionId = 21, TopicId = 1, Status = "InQueue", CustomerName = "Kari" },
            new ChatMessage { Type = "ToUser", Message = "Hello?", Author = "Kari", ReadByCustomer = 0, SpecialType = "None", WhenPosted = "2026-11-24T12:00:00Z" });
    }

    [TearDown]
    public async Task StopApplication()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task MapChatMock_Serves_The_Rest_Session_Get()
    {
        // Act
        using var response = await _client.GetAsync("/api/v1/ChatSession/21");
        using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(session.RootElement.GetProperty("CustomerName").GetString(), Is.EqualTo("Kari"));
        });
    }

    [Test]
    public async Task MapChatMock_Serves_GetChatMessages_As_Agent_Call_And_Rest_Twin()
    {
        // Act
        using var agent = await _client.PostAsync("/api/v1/Agents/Chat/GetChatMessages", new StringContent("""{"ChatSessionId": 21, "After": 0}""", Encoding.UTF8, "application/json"));
        using var rest = await _client.GetAsync("/api/v1/chatsession/21/messages?after=0");
        var agentBody = await agent.Content.ReadAsStringAsync();
        var restBody = await rest.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(agent.StatusCode, Is.EqualTo(HttpStatusCode.OK), agentBody);
            Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.OK), restBody);
            Assert.That(agentBody, Does.Contain("\"Message\":\"Hello?\""));
            Assert.That(restBody, Is.EqualTo(agentBody));
        });
    }

    [Test]
    public async Task MapChatMock_Answers_A_Path_It_Does_Not_Serve_With_404_Naming_What_It_Serves()
    {
        // Act
        using var response = await _client.GetAsync("/api/v1/Nowhere");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body, Does.Contain("GetChatMessages").And.Contain("\"Error\":true"));
        });
    }

    [Test]
    public async Task MapChatMock_Leaves_The_Applications_Own_Endpoints_Alone()
    {
        // Act
        var health = await _client.GetStringAsync("/health");
        var own = await _client.GetStringAsync("/api/v2/own");
        using var other = await _client.GetAsync("/elsewhere");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(health, Is.EqualTo("ok"));
            Assert.That(own, Is.EqualTo("mine"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(_app.Services.GetRequiredService<ChatMockEngine>().Journal.Count, Is.Zero, "calls elsewhere do not reach ChatMock");
        });
    }
}
