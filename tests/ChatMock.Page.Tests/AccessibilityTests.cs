using ChatMock.Page.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ChatMock.Page.Tests;

/// <summary>axe-core's checks (labels, names, roles, contrast) on each view of the page, light and dark.</summary>
[NonParallelizable]
public sealed class AccessibilityTests : PageFixture
{
    private const string BadType = """{"ChatSessionId": 403, "Message": {"Type": "ToAgent", "Message": "Hi, is anyone there?"}}""";

    [TestCase("Calls", ColorScheme.Light)]
    [TestCase("Calls", ColorScheme.Dark)]
    [TestCase("Conversations", ColorScheme.Light)]
    [TestCase("Conversations", ColorScheme.Dark)]
    [TestCase("Contract", ColorScheme.Light)]
    [TestCase("Controls", ColorScheme.Dark)]
    public async Task View_Has_No_Accessibility_Violations(string tab, ColorScheme scheme)
    {
        // Arrange: calls in the list, one opened, a conversation open
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await PostAsync("""{"ChatSessionId": 9, "Message": {"Type": "ToUser", "Message": "Hello", "Author": "Ada"}}""");
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(2);
        await Rows.First.ClickAsync();
        await Expect(Page.Locator("#request-body .line.violation")).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        if (tab == "Conversations")
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Session 9 (1)" }).ClickAsync();
        }
        else if (tab == "Contract")
        {
            await Page.Locator("button[data-operation='v1ChatAgent_AddChatMessage']").ClickAsync();
        }
        else if (tab == "Controls")
        {
            await Expect(Page.Locator("#settings")).ToContainTextAsync("Seed");
        }

        // Act
        var result = await Page.RunAxe();

        // Assert
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.That(result.Passes.Select(p => p.Id), Does.Contain("color-contrast").And.Contain("label"), "axe ran its checks on the page.");
        Assert.That(found, Is.Empty);
    }
}
