using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Testing.Tests;

public sealed class ChatMockTestHostTests
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";

    [Test]
    public async Task Options_Changed_After_A_Cast_Leaves_The_Running_Host_As_Started()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1, FirstChatMessageId = 10, Tickets = ["t-1"] });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act: Options is read-only; a cast reaches only a copy.
        var copy = (ChatMockOptions)host.Options;
        copy.Seed = 5;
        copy.FirstChatMessageId = 99;
        copy.Tickets.Add("t-2");
        using var response = await client.PostAsync(Path, Json("""{"ChatSessionId": 5}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(host.Options.Seed, Is.EqualTo(1));
            Assert.That(host.Seed, Is.EqualTo(1));
            Assert.That(host.Options.Tickets, Is.EqualTo(new[] { "t-1" }));
            Assert.That(host.Journal.GetCalls().Single().Response.ChatMessage!.ChatMessageId, Is.EqualTo(10));
        });
    }

    [Test]
    public async Task CreateHandler_Serves_Clients_Built_By_The_Code_Under_Test()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = new HttpClient(host.CreateHandler()) { BaseAddress = new Uri("https://superoffice.example/Cust12345/") };
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act
        using var response = await client.PostAsync("api/v1/Agents/Chat/AddChatMessage", Json("""{"ChatSessionId": 5}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the tenant prefix is part of the path, and ChatMock serves the bare path");
            Assert.That(host.Journal.GetCalls().Single().Request.Path, Is.EqualTo("/Cust12345/api/v1/Agents/Chat/AddChatMessage"));
        });
    }

    [Test]
    public async Task StartAsync_Applies_Configured_Options()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(options =>
        {
            options.Seed = 99;
            options.FirstChatMessageId = 1000;
            options.RejectUnknownProperties = false;
        });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act
        using var response = await client.PostAsync(Path, Json("""{"ChatSessionId": 5, "Colour": "blue"}"""));

        // Assert
        var call = host.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(host.Seed, Is.EqualTo(99));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(call.Response.ChatMessage!.ChatMessageId, Is.EqualTo(1000));
            Assert.That(call.Warnings, Has.Some.Contains("Colour"));
        });
    }

    [Test]
    public void StartAsync_Rejects_Invalid_Options_Before_Starting()
    {
        // Act and assert
        var ex = Assert.ThrowsAsync<ChatMockOptionsException>(() => ChatMockTestHost.StartAsync(options => options.JournalCapacity = -1));
        Assert.That(ex!.Message, Does.Contain("JournalCapacity"));
    }

    [Test]
    public async Task BeginScope_When_Disposed_Resets_The_Host()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act: the obsolete BeginScope still forwards to Reset.
#pragma warning disable CS0618
        using (host.BeginScope(resetIds: true))
#pragma warning restore CS0618
        {
            using var first = await client.PostAsync(Path, Json("""{"ChatSessionId": 5}"""));
            Assert.That(host.Journal.Count, Is.EqualTo(1));
        }

        using var afterScope = await client.PostAsync(Path, Json("""{"ChatSessionId": 5}"""));

        // Assert
        var call = host.Journal.GetCalls().Single();
        Assert.That(call.Response.ChatMessage!.ChatMessageId, Is.EqualTo(1), "ids started again");
    }

    [Test]
    public async Task Hosts_Side_By_Side_Share_No_State()
    {
        // Arrange
        await using var first = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 });
        await using var second = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 });
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        firstClient.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");
        secondClient.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await firstClient.PostAsync(Path, Json($$"""{"ChatSessionId": {{i}}}"""));
        }));
        using var only = await secondClient.PostAsync(Path, Json("""{"ChatSessionId": 1}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Journal.Count, Is.EqualTo(20));
            Assert.That(first.Journal.GetCalls().Select(c => c.Response.ChatMessage!.ChatMessageId), Is.Unique);
            Assert.That(second.Journal.Count, Is.EqualTo(1));
            Assert.That(second.Journal.GetCalls().Single().Response.ChatMessage!.ChatMessageId, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Host_Uses_The_Given_Clock()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 }, clock);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act
        using var response = await client.PostAsync(Path, Json("""{"ChatSessionId": 5}"""));
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        using var later = await client.PostAsync(Path, Json("""{"ChatSessionId": 5}"""));

        // Assert
        var calls = host.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(calls[0].Response.ChatMessage!.WhenPosted, Is.EqualTo("2030-01-02T03:04:05Z"));
            Assert.That(calls[1].Response.ChatMessage!.WhenPosted, Is.EqualTo("2030-01-02T03:04:06.5Z"));
            Assert.That(calls[1].Timestamp, Is.EqualTo(clock.GetUtcNow()));
        });
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
