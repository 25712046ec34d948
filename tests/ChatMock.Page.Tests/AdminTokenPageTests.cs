using ChatMock.Page.Tests.Support;
using Microsoft.Playwright;

namespace ChatMock.Page.Tests;

/// <summary>The live page of a server with an admin token: it asks for the token, then works as without one.</summary>
[NonParallelizable]
public sealed class AdminTokenPageTests : PageFixture
{
    private const string Token = "page-test-token";

    protected override string? AdminToken => Token;

    protected override bool OpenPageInSetUp => false;

    [Test]
    public async Task Page_Asks_For_The_Token_Then_Shows_Calls()
    {
        // Arrange
        await Page.GotoAsync(PageUrl);
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Admin token" });
        await Expect(dialog).ToBeVisibleAsync();

        // Act
        await Page.Locator("#token-input").FillAsync(Token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the page" }).ClickAsync();
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Live");
        await PostAsync("""{"ChatSessionId": 5, "Message": null}""");

        // Assert
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Rows).ToHaveCountAsync(1, new() { Timeout = 2000 });
        var stored = await Page.EvaluateAsync<string>("sessionStorage.getItem('chatmock.adminToken')");
        Assert.That(stored, Is.EqualTo(Token));
    }

    [Test]
    public async Task Page_Without_The_Token_Shows_No_Call()
    {
        // Arrange
        await PostAsync("""{"ChatSessionId": 5, "Message": null}""");

        // Act
        await Page.GotoAsync(PageUrl);

        // Assert
        await Expect(Page.GetByRole(AriaRole.Dialog, new() { Name = "Admin token" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Connecting…");
        await Expect(Rows).ToHaveCountAsync(0);
    }
}
