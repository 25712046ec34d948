using System.Net.Http.Json;
using ChatMock.Journal;

namespace ChatMock.Testing.Tests;

/// <summary>
/// The "Journal" page's snippets (docs/journal.md), as tests: keep the two in step. When you change a snippet here, change
/// docs/journal.md too.
/// </summary>
public sealed class JournalExamples
{
    // docs/journal.md, asserting on recorded calls
    [Test]
    public async Task Journal_Assertions()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync();
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw"); // user tje0

        using var hello = await client.PostAsJsonAsync("/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "ToCustomer", Message = "Hello!" } });
        using var shipped = await client.PostAsJsonAsync("/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "ToCustomer", Message = "Your order has shipped." } });

        var session = CallPattern.AddChatMessage.ForSession(403);
        Assert.That(chatMock.Journal, Received.Exactly(2, session));
        Assert.That(chatMock.Journal, Received.InOrder(
            session.WithMessageText("Hello!"),
            session.WithMessageText("Your order has shipped.")));
        Assert.That(chatMock.Journal, Received.Never(CallPattern.Any.WithStatus(500)));
        Assert.That(chatMock.Journal, Received.NoContractViolations());
    }

    // docs/journal.md, querying recorded calls
    [Test]
    public async Task Journal_Queries()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync();
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");

        using var response = await client.PostAsJsonAsync("/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "Outgoing" } });

        RecordedCall call = chatMock.Journal.GetCallsWithViolationAt("/Message/Type").Single();
        Assert.That(call.Response.StatusCode, Is.EqualTo(400));
        Assert.That(call.Violations.Single().Message, Does.StartWith("Expected one of Invalid, ToCustomer, ToUser, Special"));
        Assert.That(chatMock.Journal.GetCallsForSession(403), Is.Empty, "a body that breaks the contract is not parsed");
    }
}
