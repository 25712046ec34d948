using System.Net.Http.Headers;
using System.Text;
using ChatMock.Server;
using Microsoft.Playwright;

namespace ChatMock.Page.Tests.Support;

/// <summary>
/// One ChatMock server and one chromium per fixture; a fresh browser context and page per test, opened on the live
/// page, with every console error and page error collected and a screenshot saved when the test ends.
/// </summary>
public abstract class PageFixture
{
    public const string CallPath = "/api/v1/Agents/Chat/AddChatMessage";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    // Both are disposed in [OneTimeTearDown]; RestartServer replaces them in between, disposing the old ones.
#pragma warning disable NUnit1032
    protected ChatMockServer Server { get; private set; } = null!;

    /// <summary>Stops the server and starts a new one on the same port, as a restart does.</summary>
    protected void RestartServer()
    {
        var port = Server.Port;
        Server.Dispose();
        Server = ChatMockServer.Start(new ChatMockOptions { Port = port, Seed = 1, AdminToken = AdminToken });

        // Connections kept open to the old server are gone: a new client does not try them.
        Client.Dispose();
        Client = new HttpClient { BaseAddress = Server.Url };
    }

    protected HttpClient Client { get; private set; } = null!;
#pragma warning restore NUnit1032

    protected IPage Page { get; private set; } = null!;

    /// <summary>Gets what the browser's console said at level error, and the page's uncaught errors.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>
    /// Gets or sets whether the test sends requests from the page that ChatMock answers with an error on purpose:
    /// chromium logs each such answer (and each request to a server that is down) as "Failed to load resource", which
    /// is then not counted as a console error.
    /// </summary>
    protected bool ErrorAnswersExpected { get; set; }

    /// <summary>Gets the admin token the server requires; null for none.</summary>
    protected virtual string? AdminToken => null;

    /// <summary>Gets whether the page is opened (and waited for) before each test.</summary>
    protected virtual bool OpenPageInSetUp => true;

    protected string PageUrl => Server.Url + "__admin/chatmock/ui/";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var executable = Chromium.Find();
        if (executable is null)
        {
            Assert.Ignore(Chromium.MissingReason);
        }

        Server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, AdminToken = AdminToken });
        Client = new HttpClient { BaseAddress = Server.Url };
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // As root (CI) chromium refuses its sandbox; the page under test is our own.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        TestContext.Progress.WriteLine($"page tests: chromium {_browser.Version} at {executable}; screenshots in {Screenshots.Folder}");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Client?.Dispose();
        Server?.Dispose();
    }

    [SetUp]
    public async Task OpenAsync()
    {
        Server.Reset(resetIds: true);
        FirstId = Server.Journal.LastId + 1;
        ConsoleErrors.Clear();
        ErrorAnswersExpected = false;
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !(ErrorAnswersExpected && message.Text.StartsWith("Failed to load resource: ", StringComparison.Ordinal)))
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        Page.PageError += (_, error) => ConsoleErrors.Add("page error: " + error);
        if (OpenPageInSetUp)
        {
            await Page.GotoAsync(PageUrl);
            await Assertions.Expect(Page.Locator("#connection")).ToHaveTextAsync("Live");
        }
    }

    [TearDown]
    public async Task CloseAsync()
    {
        if (_context is null)
        {
            return;
        }

        var path = Screenshots.PathFor(TestContext.CurrentContext.Test.Name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Progress.WriteLine($"page tests: screenshot {path}");
        TestContext.AddTestAttachment(path);
        await _context.CloseAsync();
        _context = null;
        Assert.That(ConsoleErrors, Is.Empty, "The browser's console had errors.");
    }

    /// <summary>Posts an AddChatMessage body as curl would, with the documentation sample's credentials.</summary>
    protected async Task<int> PostAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Gets the id the first call of the test gets (call ids go on across tests: the journal never reuses one).</summary>
    protected long FirstId { get; private set; }

    /// <summary>Returns the id of the <paramref name="n"/>th call of the test, from 1.</summary>
    protected string Id(int n) => (FirstId + n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected ILocator Rows => Page.Locator("#call-rows tr[data-id]");

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
