using ChatMock.Page.Tests.Support;
using Microsoft.Playwright;

namespace ChatMock.Page.Tests;

/// <summary>The conversations view in chromium: the sessions ChatMock stores and their messages, kept up to date by the stream.</summary>
[NonParallelizable]
public sealed class ConversationsPageTests : PageFixture
{
    private ILocator Messages => Page.Locator("#messages li[data-message]");

    [Test]
    public async Task Session_Made_By_Posting_Messages_Appears_With_Its_Messages_In_Order()
    {
        // Arrange
        await PostAsync(Message(41, "ToUser", "My parcel is late.", "Grace"));
        await PostAsync(Message(41, "ToCustomer", "It leaves today.", "Support"));

        // Act
        await OpenConversationsAsync();
        var button = Page.GetByRole(AriaRole.Button, new() { Name = "Session 41 (2)" });
        await Expect(button).ToContainTextAsync("It leaves today.");
        await button.ClickAsync();

        // Assert
        await Expect(Messages).ToHaveCountAsync(2);
        await Expect(Messages.Nth(0)).ToHaveClassAsync("customer");
        await Expect(Messages.Nth(0)).ToContainTextAsync("My parcel is late.");
        await Expect(Messages.Nth(0)).ToContainTextAsync("Grace");
        await Expect(Messages.Nth(1)).ToHaveClassAsync("agent");
        await Expect(Messages.Nth(1)).ToContainTextAsync("It leaves today.");
        await Expect(Page.Locator("#transcript-facts")).ToContainTextAsync("UserLast");
        await Expect(Page.Locator("#sessions-count")).ToHaveTextAsync("1 stored.");
    }

    [Test]
    public async Task Second_Message_Appears_Live_In_The_Transcript_And_The_List()
    {
        // Arrange
        await PostAsync(Message(42, "ToUser", "Hello?", "Ada"));
        await OpenConversationsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Session 42 (1)" }).ClickAsync();
        await Expect(Messages).ToHaveCountAsync(1);

        // Act: a message from outside the page, with nothing clicked after it
        await PostAsync(Message(42, "ToCustomer", "Hello Ada, how can I help?", "Support"));

        // Assert
        await Expect(Messages).ToHaveCountAsync(2);
        await Expect(Messages.Nth(1)).ToContainTextAsync("Hello Ada, how can I help?");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 42 (2)" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task New_Session_Appears_Live_In_The_List()
    {
        // Arrange
        await OpenConversationsAsync();
        await Expect(Page.Locator("#sessions")).ToContainTextAsync("No sessions stored.");

        // Act
        await PostAsync(Message(43, "ToUser", "Anyone there?", "Lin"));

        // Assert
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 43 (1)" })).ToContainTextAsync("Anyone there?");
    }

    [Test]
    public async Task Changed_Session_Shows_Its_New_Status_And_Customer_Live()
    {
        // Arrange
        await PostAsync(Message(47, "ToUser", "Thanks, bye.", "Ada"));
        await OpenConversationsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Session 47 (1)" }).ClickAsync();
        await Expect(Page.Locator("#transcript-facts")).ToContainTextAsync("CustomerLast");

        // Act
        Server.Chat.UpdateSession(47, s => s with { Status = "Finished", CustomerName = "Ada Lovelace" });

        // Assert
        await Expect(Page.Locator("#transcript-facts")).ToContainTextAsync("Ada Lovelace · ");
        await Expect(Page.Locator("#transcript-facts")).ToContainTextAsync("Finished");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 47 (1)" })).ToContainTextAsync("Finished");
    }

    [Test]
    public async Task Refused_Message_Shows_In_The_Calls_With_Its_Reason_But_Not_In_The_Transcript()
    {
        // Arrange
        await PostAsync(Message(44, "ToUser", "First.", "Ada"));
        await OpenConversationsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Session 44 (1)" }).ClickAsync();
        await Expect(Messages).ToHaveCountAsync(1);

        // Act
        var status = await PostAsync(Message(44, "ToAgent", "Refused.", "Ada"));
        await PostAsync(Message(44, "ToUser", "Second.", "Ada"));

        // Assert
        Assert.That(status, Is.EqualTo(400));
        await Expect(Messages).ToHaveCountAsync(2);
        await Expect(Page.Locator("#messages")).Not.ToContainTextAsync("Refused.");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Calls" }).ClickAsync();
        await Expect(Rows).ToHaveCountAsync(3);
        await Rows.Nth(1).ClickAsync();
        await Expect(Page.Locator("#request-body .line.violation")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#request-body .line.violation")).ToContainTextAsync("Type");
    }

    [Test]
    public async Task Deleted_Session_And_Cleared_State_Leave_The_View()
    {
        // Arrange
        await PostAsync(Message(45, "ToUser", "Hello", "Ada"));
        await PostAsync(Message(46, "ToUser", "Hello", "Bob"));
        await OpenConversationsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Session 45 (1)" }).ClickAsync();
        await Expect(Messages).ToHaveCountAsync(1);

        // The page may ask for session 45 just as it goes, and be answered 404.
        ErrorAnswersExpected = true;

        // Act
        Server.Chat.DeleteSession(45);

        // Assert
        await Expect(Page.Locator("#messages")).ToContainTextAsync("No session 45 is stored.");
        await Expect(Messages).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 45 (not stored)" })).ToBeVisibleAsync();
        Server.Chat.Clear();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 46" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("#sessions-count")).ToHaveTextAsync("0 stored.");
    }

    [Test]
    public async Task Opened_Session_That_Is_Not_Stored_Is_Made_By_Posting_From_The_Page()
    {
        // Arrange
        await OpenConversationsAsync();
        await Page.Locator("#new-session-id").FillAsync("50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(Page.Locator("#messages")).ToContainTextAsync("No session 50 is stored.");

        // Act
        await Page.Locator("#post-text").FillAsync("Started from the page.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // Assert
        await Expect(Messages).ToHaveCountAsync(1);
        await Expect(Messages.First).ToContainTextAsync("Started from the page.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Session 50 (1)" })).ToBeVisibleAsync();
        Assert.That(Server.Chat.Messages(50)?.Select(m => m.Message), Is.EqualTo(new[] { "Started from the page." }));
    }

    private async Task OpenConversationsAsync()
    {
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Conversations" }).ClickAsync();
        await Expect(Page.Locator("#sessions-count")).ToContainTextAsync("stored");
    }

    private static string Message(int session, string type, string text, string author) =>
        $$$"""{"ChatSessionId": {{{session}}}, "Message": {"Type": "{{{type}}}", "Message": "{{{text}}}", "Author": "{{{author}}}"}}""";
}
