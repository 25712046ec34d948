using System.Text.RegularExpressions;
using ChatMock.Page.Tests.Support;
using ChatMock.Testing;
using Microsoft.Playwright;

namespace ChatMock.Page.Tests;

/// <summary>The live page in chromium, against a standalone server without an admin token.</summary>
[NonParallelizable]
public sealed partial class LivePageTests : PageFixture
{
    private const string Valid = """{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Where is my order?", "Author": "Ada"}}""";
    private const string BadType = """{"ChatSessionId": 403, "Message": {"Type": "ToAgent", "Message": "Hi, is anyone there?"}}""";

    [Test]
    public async Task Call_Sent_With_HttpClient_Appears_Within_Two_Seconds()
    {
        // Arrange
        var rows = Rows;

        // Act
        var status = await PostAsync(Valid);

        // Assert
        Assert.That(status, Is.EqualTo(200));
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 2000 });
        await Expect(rows.First).ToContainTextAsync("/api/v1/Agents/Chat/AddChatMessage");
        await Expect(rows.First).ToContainTextAsync("AddChatMessage");
        await Expect(rows.First.Locator("td").Nth(5)).ToHaveTextAsync("200");
    }

    [Test]
    public async Task Calls_Are_Listed_Newest_First()
    {
        // Arrange
        await PostAsync(Valid);
        await PostAsync(BadType);

        // Act
        await Expect(Rows).ToHaveCountAsync(2);

        // Assert
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(2));
        await Expect(Rows.Nth(1)).ToHaveAttributeAsync("data-id", Id(1));
    }

    [Test]
    public async Task Opened_Call_Marks_Violation_At_Its_Json_Pointer_With_Its_Message()
    {
        // Arrange
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(1);

        // Act
        await Rows.First.ClickAsync();

        // Assert
        var marked = Page.Locator("#request-body .line.violation");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToHaveAttributeAsync("data-pointer", "/Message/Type");
        await Expect(marked).ToContainTextAsync("\"ToAgent\"");
        await Expect(marked.Locator(".vmsg")).ToContainTextAsync("/Message/Type: Expected one of Invalid, ToCustomer, ToUser, Special");
        await Expect(Page.Locator("#response-body")).ToContainTextAsync("\"Violations\"");
    }

    [Test]
    public async Task Missing_Property_Is_Marked_On_The_Object_That_Lacks_It()
    {
        // Arrange
        await PostAsync("""{"Message": {"Type": "ToUser", "Message": "no session"}}""");
        await Expect(Rows).ToHaveCountAsync(1);

        // Act
        await Rows.First.ClickAsync();

        // Assert
        var marked = Page.Locator("#request-body .line.violation");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToHaveAttributeAsync("data-pointer", string.Empty);
        await Expect(marked.Locator(".vmsg")).ToContainTextAsync("ChatSessionId");
    }

    [Test]
    public async Task Filters_Narrow_The_List_By_Contract_Session_Status_And_Text()
    {
        // Arrange
        await PostAsync(Valid);
        await PostAsync("""{"ChatSessionId": 7, "Message": {"Type": "ToCustomer", "Message": "We shipped it yesterday."}}""");
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(3);

        // Act and assert: broke the contract
        await Page.GetByLabel("Broke the contract").CheckAsync();
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(3));
        await Page.GetByLabel("Broke the contract").UncheckAsync();

        // session
        await Page.Locator("#f-session").SelectOptionAsync("7");
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(2));
        await Page.Locator("#f-session").SelectOptionAsync(string.Empty);

        // status
        await Page.Locator("#f-status").SelectOptionAsync("4xx");
        await Expect(Rows).ToHaveCountAsync(1);
        await Page.Locator("#f-status").SelectOptionAsync("200");
        await Expect(Rows).ToHaveCountAsync(2);
        await Page.Locator("#f-status").SelectOptionAsync(string.Empty);

        // operation
        await Page.Locator("#f-operation").SelectOptionAsync("AddChatMessage");
        await Expect(Rows).ToHaveCountAsync(3);

        // text search: the posted text
        await Page.GetByLabel("Search").FillAsync("shipped");
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(2));
    }

    [Test]
    public async Task Pause_Holds_New_Calls_Until_Resumed()
    {
        // Arrange
        await PostAsync(Valid);
        await Expect(Rows).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        // Act
        await PostAsync(Valid);
        await Expect(Page.Locator("#counts")).ToContainTextAsync("Paused: 1 new call(s) held");

        // Assert
        await Expect(Rows).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(Rows).ToHaveCountAsync(2);
    }

    [Test]
    public async Task Keep_Bounds_The_Calls_The_Page_Holds()
    {
        // Arrange
        await Page.GotoAsync(PageUrl + "?keep=3");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Live");

        // Act
        for (var i = 0; i < 6; i++)
        {
            await PostAsync(Valid);
        }

        // Assert
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(6));
        await Expect(Rows).ToHaveCountAsync(3);
        await Expect(Page.Locator("#counts")).ToContainTextAsync("keeps 3 of at most 3 calls");
    }

    [Test]
    public async Task Clear_Empties_The_List_And_The_Journal()
    {
        // Arrange
        await PostAsync(Valid);
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(2);

        // Act
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Controls" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Clear the journal" }).ClickAsync();
        await Expect(Page.Locator("#control-result")).ToHaveTextAsync("The journal was cleared.");

        // Assert
        Assert.That(Server.Journal.Count, Is.Zero);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Calls" }).ClickAsync();
        await Expect(Rows).ToHaveCountAsync(0);
        await PostAsync(Valid);
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(3));
    }

    [Test]
    public async Task Send_Again_Records_The_Same_Request_Again()
    {
        // Arrange
        await PostAsync(Valid);
        await Rows.First.ClickAsync();

        // Act
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();

        // Assert
        await Expect(Page.Locator("#detail-result")).ToContainTextAsync("Sent again: 200");
        await Expect(Rows).ToHaveCountAsync(2);
        var calls = Server.Journal.GetCalls();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(calls[1].Request.Body, Is.EqualTo(calls[0].Request.Body));
            Assert.That(calls[1].Request.Method, Is.EqualTo("POST"));
            Assert.That(calls[1].Response.StatusCode, Is.EqualTo(200));
            Assert.That(calls[1].Credentials?.UserName, Is.EqualTo("tje0"));
        });
    }

    [Test]
    public async Task Copy_As_NUnit_Gives_An_Assertion_That_Matches_The_Call()
    {
        // Arrange
        await PostAsync(Valid);
        await Rows.First.ClickAsync();

        // Act
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy as NUnit assertion" }).ClickAsync();

        // Assert: the line, and the same pattern holding against the journal
        const string expected = "Assert.That(chatMock.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403).WithMessageText(\"Where is my order?\").WithoutViolations().WithStatus(200)));";
        await Expect(Page.Locator("#snippet")).ToHaveValueAsync(expected);
        Assert.That(Server.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403).WithMessageText("Where is my order?").WithoutViolations().WithStatus(200)));
    }

    [Test]
    public async Task Copy_As_Curl_Gives_The_Request_With_Its_Body()
    {
        // Arrange
        await PostAsync(BadType);
        await Rows.First.ClickAsync();

        // Act
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy as curl" }).ClickAsync();

        // Assert
        var snippet = Page.Locator("#snippet");
        await Expect(snippet).ToHaveValueAsync(new Regex("^# The journal redacted"));
        await Expect(snippet).ToHaveValueAsync(new Regex(Regex.Escape($"curl -i -X POST '{Server.Url}api/v1/Agents/Chat/AddChatMessage'")));
        await Expect(snippet).ToHaveValueAsync(new Regex(Regex.Escape("--data-binary '" + BadType + "'")));
    }

    [Test]
    public async Task Conversation_Shows_A_Session_As_A_Transcript_And_Posts_As_Customer_And_Agent()
    {
        // Arrange
        await PostAsync("""{"ChatSessionId": 77, "Message": {"Type": "ToUser", "Message": "Hello, my parcel is late.", "Author": "Grace"}}""");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Conversations" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Session 77 (1)" }).ClickAsync();
        var messages = Page.Locator("#messages li");
        await Expect(messages).ToHaveCountAsync(1);
        await Expect(messages.First).ToHaveClassAsync("customer");
        await Expect(messages.First).ToContainTextAsync("Hello, my parcel is late.");

        // Act: the agent answers, then the customer
        await Page.GetByLabel("as the agent (ToCustomer)").CheckAsync();
        await Page.Locator("#post-author").FillAsync("Support");
        await Page.Locator("#post-text").FillAsync("Sorry! It leaves today.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(messages).ToHaveCountAsync(2);
        await Page.GetByLabel("as the customer (ToUser)").CheckAsync();
        await Page.Locator("#post-text").FillAsync("Thanks.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // Assert
        await Expect(messages).ToHaveCountAsync(3);
        await Expect(messages.Nth(1)).ToHaveClassAsync("agent");
        await Expect(messages.Nth(1)).ToContainTextAsync("Sorry! It leaves today.");
        await Expect(messages.Nth(2)).ToHaveClassAsync("customer");
        Assert.That(Server.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(77).WithMessageText("Sorry! It leaves today.").WithStatus(200)
            .Where(c => c.AddChatMessage?.Message?.Type == "ToCustomer", "posted as the agent")));
    }

    [Test]
    public async Task Contract_View_Shows_The_Operation_And_Sends_An_Example()
    {
        // Arrange
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Contract" }).ClickAsync();
        await Page.Locator("button[data-operation='v1ChatAgent_AddChatMessage']").ClickAsync();
        await Expect(Page.Locator("#operation h2")).ToHaveTextAsync("POST /api/v1/Agents/Chat/AddChatMessage");

        ErrorAnswersExpected = true;

        // Act
        await Page.Locator("#try-example").SelectOptionAsync(new SelectOptionValue { Label = "invalid: type-not-in-enum" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send POST" }).ClickAsync();

        // Assert
        await Expect(Page.Locator("#try-output")).ToContainTextAsync("400");
        await Expect(Page.Locator("#try-output")).ToContainTextAsync("/Message/Type");
        await Expect(Page.Locator("#operation details").First).ToContainTextAsync("Schema");
        Assert.That(Server.Journal, Received.Exactly(1, CallPattern.AddChatMessage.WithViolationAt("/Message/Type").WithStatus(400)));
    }

    [Test]
    public async Task Controls_Show_The_Seed_And_Settings()
    {
        // Act
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Controls" }).ClickAsync();

        // Assert
        var settings = Page.Locator("#settings");
        await Expect(settings).ToContainTextAsync("Seed");
        await Expect(settings.Locator("tr").First).ToContainTextAsync("1");
        await Expect(settings).ToContainTextAsync("JournalCapacity");
        await Expect(settings).ToContainTextAsync("(not set)");
    }

    [Test]
    public async Task Keyboard_Opens_A_Call_From_The_List()
    {
        // Arrange
        await PostAsync(Valid);
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(2);
        await Rows.First.FocusAsync();

        // Act
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("Enter");

        // Assert
        await Expect(Page.Locator("#detail-title")).ToContainTextAsync($"Call {Id(1)}:");
    }

    [Test]
    public async Task Server_Restart_Shows_A_Marker_And_The_New_Calls_Without_Mixing_Them()
    {
        // Arrange
        await PostAsync(Valid);
        await Expect(Rows).ToHaveCountAsync(1);
        ErrorAnswersExpected = true; // the page's stream may find the server down for a moment

        // Act
        RestartServer();
        await PostAsync(BadType);

        // Assert: the new server's call 1 above a marker, the old server's call below it
        var marker = Page.Locator("#call-rows tr.marker");
        await Expect(marker).ToContainTextAsync("The server restarted", new() { Timeout = 10_000 });
        await Expect(Rows).ToHaveCountAsync(2);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", "1");
        await Expect(Rows.First.Locator("td").Nth(5)).ToHaveTextAsync("400");
        await Expect(Page.Locator("#call-rows tr").Nth(1)).ToHaveClassAsync("marker");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Live");
    }

    [Test]
    public async Task Burst_Of_Calls_Leaves_The_Page_Bounded_And_Responsive()
    {
        // Arrange: a probe of how late the page's timers run (a busy page runs them late)
        await Page.EvaluateAsync("""
            () => {
              window.worstLagMs = 0;
              let last = performance.now();
              setInterval(() => { const now = performance.now(); window.worstLagMs = Math.max(window.worstLagMs, now - last - 20); last = now; }, 20);
            }
            """);
        const int Calls = 6000;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Act: as fast as 32 connections go
        var sent = 0;
        await Parallel.ForAsync(0, 32, async (_, _) =>
        {
            while (Interlocked.Increment(ref sent) <= Calls)
            {
                await PostAsync(Valid);
            }
        });
        watch.Stop();

        // Assert
        await Expect(Page.Locator("#counts")).ToContainTextAsync("The page keeps 1000 of at most 1000 calls.");
        await Expect(Rows).ToHaveCountAsync(200);
        await Expect(Rows.First).ToHaveAttributeAsync("data-id", Id(Calls));
        var lag = await Page.EvaluateAsync<double>("window.worstLagMs");
        TestContext.Progress.WriteLine($"page tests: {Calls} calls in {watch.Elapsed.TotalSeconds:F1} s ({Calls / watch.Elapsed.TotalSeconds:F0}/s); the page's timers ran at worst {lag:F0} ms late");
        // Generous for two shared cores running the server, the senders and the browser; a page that redrew or
        // filtered everything per call would hold its thread for many seconds here.
        Assert.That(lag, Is.LessThan(2000), "The page stayed responsive: no task held it for two seconds.");
    }

    [Test]
    public async Task Dark_Scheme_Renders_The_Page()
    {
        // Arrange
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await PostAsync(Valid);
        await PostAsync(BadType);
        await Expect(Rows).ToHaveCountAsync(2);

        // Act
        await Rows.First.ClickAsync();

        // Assert
        await Expect(Page.Locator("#request-body .line.violation")).ToHaveCountAsync(1);
        var background = await Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.That(background, Is.EqualTo("rgb(13, 17, 23)"));
    }
}
