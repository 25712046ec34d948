using System.Net.Http.Json;
using ChatMock.Server;
using ChatMock.Testing.Remote;

namespace ChatMock.Testing.Tests.Remote;

/// <summary>The snippet of docs/remote.md, as a test: keep the two in step (DocumentationSnippetsTests checks them).</summary>
public sealed class RemoteExamples
{
    // docs/remote.md
    [Test]
    public async Task Remote_Assertions()
    {
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        var serverUrl = server.Url;

        using var chatMock = new ChatMockRemote(serverUrl); // such as new Uri("http://localhost:8080/")
        chatMock.Reset();

        using var client = new HttpClient { BaseAddress = serverUrl };
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw"); // user tje0
        using var response = await client.PostAsJsonAsync(
            "/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "ToCustomer", Message = "Your order has shipped." } });

        var session = CallPattern.AddChatMessage.ForSession(403);
        Assert.That(chatMock.Journal, Received.Exactly(1, session.WithMessageText("Your order has shipped.")));
        Assert.That(chatMock.Journal, Received.NoContractViolations());
    }
}
