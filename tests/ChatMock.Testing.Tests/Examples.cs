using System.Net.Http.Json;
using ChatMock.Chat;
using ChatMock.Journal;
using ChatMock.Messages;

namespace ChatMock.Testing.Tests;

/// <summary>
/// The README's examples, as tests: keep the two in step. <see cref="Quick_Start"/> is README.md's "Quick start";
/// the "Journal" section's snippets are in JournalExamples.cs. When you change one, change the other.
/// </summary>
public sealed class Examples
{
    // README: Quick start
    [Test]
    public async Task Quick_Start()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync(options => options.Seed = 42);
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw"); // user tje0

        using var response = await client.PostAsJsonAsync(
            "/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "ToCustomer", Message = "Your order has shipped." } });

        Assert.That(response.IsSuccessStatusCode, Is.True);
        var call = chatMock.Journal.GetCalls().Single();
        Assert.That(call.AddChatMessage!.Message!.Message, Is.EqualTo("Your order has shipped."));
        Assert.That(call.Violations, Is.Empty);
    }

    // README: The chat API
    [Test]
    public async Task Chat_Api_Walkthrough()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync(options => options.Seed = 42);
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        using var opened = await client.PostAsync("/api/v1/ChatTopic/1/Sessions", content: null);
        var session = await opened.Content.ReadFromJsonAsync<ChatSessionEntity>();
        await client.PostAsJsonAsync("/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = session!.ChatSessionId, Message = new { Type = "ToUser", Message = "Hi, where is my order?" } });
        await client.PostAsJsonAsync($"/api/v1/ChatSession/{session.ChatSessionId}/Messages",
            new { Type = "ToCustomer", Message = "It left our warehouse today." });

        var after = await client.GetFromJsonAsync<ChatMessage[]>($"/api/v1/ChatSession/{session.ChatSessionId}/Messages?after=1");
        Assert.That(after!.Single().Message, Is.EqualTo("It left our warehouse today."));
        Assert.That(chatMock.Chat.Session(session.ChatSessionId!.Value)!.Status, Is.EqualTo("UserLast"));
    }

    // Not in the README: the violations of a call, read straight from the journal.
    [Test]
    public async Task Journal_Shows_What_Broke_The_Contract()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync();
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw"); // user tje0

        using var response = await client.PostAsJsonAsync(
            "/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "Outgoing" } });

        RecordedCall call = chatMock.Journal.GetCalls().Single();
        Assert.That(call.Response.StatusCode, Is.EqualTo(400));
        Assert.That(call.Violations.Single().Path, Is.EqualTo("/Message/Type"));
        Assert.That(call.Violations.Single().Message, Does.StartWith("Expected one of Invalid, ToCustomer, ToUser, Special"));
    }
}
