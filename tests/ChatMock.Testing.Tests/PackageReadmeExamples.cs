using System.Net.Http.Json;

namespace ChatMock.Testing.Tests;

/// <summary>
/// The snippets of the package READMEs (src/ChatMock.Testing/README.md, src/ChatMock.Core/README.md), as tests:
/// keep them in step (DocumentationSnippetsTests checks them).
/// </summary>
public sealed class PackageReadmeExamples
{
    // src/ChatMock.Testing/README.md
    [Test]
    public async Task Testing_Package_Readme()
    {
        await using var chatMock = await ChatMockTestHost.StartAsync(options => options.Seed = 42);
        using var client = chatMock.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw"); // user tje0

        using var response = await client.PostAsJsonAsync(
            "/api/v1/Agents/Chat/AddChatMessage",
            new { ChatSessionId = 403, Message = new { Type = "ToCustomer", Message = "Your order has shipped." } });

        var session = CallPattern.AddChatMessage.ForSession(403);
        Assert.That(chatMock.Journal, Received.Exactly(1, session.WithMessageText("Your order has shipped.")));
        Assert.That(chatMock.Journal, Received.NoContractViolations());
    }

    // src/ChatMock.Core/README.md
    [Test]
    public void Core_Package_Readme()
    {
        var options = new ChatMockOptions { Seed = 42 };
        options.Validate();

        Assert.That(options.Seed, Is.EqualTo(42));
    }
}
