using System.Net;
using System.Text;
using ChatMock.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Testing.Tests;

public sealed class ChatMockEndpointsTests
{
    [Test]
    public async Task MapChatMock_Serves_AddChatMessage_In_An_Application_Of_Ones_Own()
    {
        // Arrange
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        builder.Services.AddChatMock(options => options.Seed = 7);
        await using var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapChatMock();
        await app.StartAsync();
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        // Act
        using var response = await client.PostAsync("/api/v1/agents/chat/addchatmessage", new StringContent("""{"ChatSessionId": 403}""", Encoding.UTF8, "application/json"));
        var health = await client.GetStringAsync("/health");

        // Assert
        var journal = app.Services.GetRequiredService<ICallJournal>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health, Is.EqualTo("ok"), "the application's own endpoints still answer");
            Assert.That(journal.GetCalls().Single().Response.ChatMessage!.WhenPosted, Is.EqualTo("2026-11-24T12:00:00Z"));
        });
    }

    [Test]
    public void MapChatMock_Without_AddChatMock_Says_What_Is_Missing()
    {
        // Arrange
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => app.MapChatMock());

        // Assert
        Assert.That(ex!.Message, Does.Contain("AddChatMock"));
    }

    [Test]
    public void AddChatMock_Validates_The_Options_At_Once()
    {
        // Act and assert
        Assert.Throws<ChatMockOptionsException>(() => new ServiceCollection().AddChatMock(options => options.JournalCapacity = 0));
    }
}
