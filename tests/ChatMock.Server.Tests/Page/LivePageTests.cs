using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Server.Page;
using ChatMock.Server.Tests.Admin;

namespace ChatMock.Server.Tests.Page;

/// <summary>The live page's endpoints over HTTP: the redirect from the root, the assets, the stream, settings and contract.</summary>
public sealed class LivePageTests
{
    private const string PagePath = "/__admin/chatmock/ui/";
    private const string EventsPath = "/__admin/chatmock/ui/events";
    private const string Valid = """{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Hello"}}""";

    [Test]
    public async Task Root_With_Accept_Html_Redirects_To_The_Page()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = NoRedirects(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(PagePath));
            Assert.That(server.Journal.Count, Is.Zero, "A redirect is not a call of the API.");
        });
    }

    [TestCase(null)]
    [TestCase("application/json")]
    [TestCase("*/*")]
    public async Task Root_From_An_Api_Client_Gets_The_Not_Found_Envelope(string? accept)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = NoRedirects(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        // Act
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body, Does.Contain("\"Error\":true"));
        });
    }

    [Test]
    public async Task Page_Without_Slash_Redirects_To_The_Page_With_It()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = NoRedirects(server);

        // Act
        using var response = await client.GetAsync("/__admin/chatmock/ui");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(PagePath));
        });
    }

    [TestCase(PagePath, "text/html")]
    [TestCase(PagePath + "page.js", "text/javascript")]
    public async Task Asset_Asked_With_Head_Answers_200_With_Its_Type_And_No_Body(string path, string mediaType)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Head, path);

        // Act
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
            Assert.That(body, Is.Empty);
        });
    }

    [TestCase(PagePath, "text/html")]
    [TestCase(PagePath + "page.js", "text/javascript")]
    [TestCase(PagePath + "page.css", "text/css")]
    public async Task Assets_Are_Served_With_Their_Type_And_Locked_Down_Headers(string path, string mediaType)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "http://evil.example");

        // Act
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
            Assert.That(body, Is.Not.Empty);
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "No cross-origin access to the page.");
            Assert.That(body, Does.Not.Contain("{{ADMIN_TOKEN}}"));
        });
    }

    [Test]
    public async Task Page_With_Admin_Token_Loads_Without_It_And_Says_It_Is_Required()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "secret-7" });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        var html = await client.GetStringAsync(PagePath);
        using var events = await client.GetAsync(EventsPath, HttpCompletionOption.ResponseHeadersRead);
        using var settings = await client.GetAsync(PagePath + "settings");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("data-admin-token=\"required\""));
            Assert.That(events.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "The stream needs the token.");
            Assert.That(settings.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "The settings need the token.");
        });
    }

    [Test]
    public async Task Settings_Show_Seed_And_Options_But_Never_The_Secrets()
    {
        // Arrange
        var options = new ChatMockOptions { Port = 0, Seed = 42, AdminToken = "admin-secret-9", Authentication = ChatMockAuthentication.Configured };
        options.Users["ada"] = "password-secret-1";
        options.Tickets.Add("ticket-secret-2");
        options.BearerTokens.Add("bearer-secret-3");
        using var server = ChatMockServer.Start(options);
        using var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Add("X-ChatMock-Admin-Token", "admin-secret-9");

        // Act
        var text = await client.GetStringAsync(PagePath + "settings");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("seed").GetInt32(), Is.EqualTo(42));
            Assert.That(root.GetProperty("adminTokenRequired").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("settings").GetProperty("JournalCapacity").GetInt32(), Is.EqualTo(options.JournalCapacity));
            Assert.That(root.GetProperty("settings").GetProperty("Authentication").GetString(), Is.EqualTo("Configured"));
            Assert.That(root.GetProperty("settings").GetProperty("Users")[0].GetString(), Does.StartWith("ada:"));
            Assert.That(text, Does.Not.Contain("secret"), "No secret's value leaves the server.");
        });
    }

    [Test]
    public async Task Contract_Gives_Openapi_Schemas_And_Examples()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync(PagePath + "contract"));
        var root = document.RootElement;

        // Assert
        var examples = root.GetProperty("examples").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("openapi").GetProperty("paths").TryGetProperty("/api/v1/Agents/Chat/AddChatMessage", out _), Is.True);
            Assert.That(root.GetProperty("schemas").TryGetProperty("add-chat-message.request.schema.json", out _), Is.True);
            Assert.That(examples.Count(e => e.GetProperty("kind").GetString() == "valid"), Is.EqualTo(Directory.GetFiles(ContractsFolder("valid"), "*.json").Length));
            Assert.That(examples.Single(e => e.GetProperty("name").GetString() == "type-not-in-enum").GetProperty("violations")[0].GetProperty("Path").GetString(), Is.EqualTo("/Message/Type"));
        });
    }

    [Test]
    public async Task Events_Send_Hello_Then_Each_New_Call_With_Instance_And_Call_Id()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Valid);
        await using var stream = await EventStream.OpenAsync(client, EventsPath);

        // Act
        var hello = await stream.NextAsync("hello");
        var first = await stream.NextAsync("calls");
        await AdminHttp.PostCallAsync(client, """{"ChatSessionId": 403, "Message": {"Type": "ToAgent"}}""");
        var second = await stream.NextAsync("calls");

        // Assert
        var instance = hello.Data.GetProperty("instance").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(hello.Data.GetProperty("restarted").GetBoolean(), Is.False);
            Assert.That(first.Id, Is.EqualTo($"{instance}:1"));
            Assert.That(first.Data[0].GetProperty("session").GetInt32(), Is.EqualTo(403));
            Assert.That(first.Data[0].GetProperty("answer").GetProperty("text").GetString(), Is.EqualTo("Hello"));
            Assert.That(second.Id, Is.EqualTo($"{instance}:2"));
            Assert.That(second.Data[0].GetProperty("status").GetInt32(), Is.EqualTo(400));
            Assert.That(second.Data[0].GetProperty("violations")[0].GetProperty("path").GetString(), Is.EqualTo("/Message/Type"));
        });
    }

    [Test]
    public async Task Events_Resume_After_Last_Event_Id_Without_Duplicates()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        for (var i = 0; i < 3; i++)
        {
            await AdminHttp.PostCallAsync(client, Valid);
        }

        string lastEventId;
        await using (var stream = await EventStream.OpenAsync(client, EventsPath))
        {
            lastEventId = (await stream.NextAsync("calls")).Id!;
        }

        await AdminHttp.PostCallAsync(client, Valid);

        // Act
        await using var resumed = await EventStream.OpenAsync(client, EventsPath, lastEventId);
        var hello = await resumed.NextAsync("hello");
        var calls = await resumed.NextAsync("calls");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hello.Data.GetProperty("resumedFrom").GetInt64(), Is.EqualTo(3));
            Assert.That(calls.Data.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 4 }));
        });
    }

    [Test]
    public async Task Events_With_Last_Event_Id_Of_Another_Instance_Say_The_Server_Restarted()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Valid);

        // Act
        await using var stream = await EventStream.OpenAsync(client, EventsPath, "0123456789ab:57");
        var hello = await stream.NextAsync("hello");
        var calls = await stream.NextAsync("calls");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hello.Data.GetProperty("restarted").GetBoolean(), Is.True);
            Assert.That(hello.Data.GetProperty("instance").GetString(), Is.Not.EqualTo("0123456789ab"));
            Assert.That(calls.Data[0].GetProperty("id").GetInt64(), Is.EqualTo(1), "The new instance's calls are sent from its first.");
        });
    }

    [Test]
    public async Task Events_With_Admin_Token_In_The_Header_Stream_Calls()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "secret-8" });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Valid);
        client.DefaultRequestHeaders.Add("X-ChatMock-Admin-Token", "secret-8");

        // Act
        await using var stream = await EventStream.OpenAsync(client, EventsPath);
        var calls = await stream.NextAsync("calls");

        // Assert
        Assert.That(calls.Data.GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("keep=0")]
    [TestCase("keep=10001")]
    [TestCase("keep=many")]
    [TestCase("since=3")]
    public async Task Events_With_A_Bad_Query_Get_400(string query)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.GetAsync(EventsPath + "?" + query);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Events_Stream_Ends_When_The_Server_Stops()
    {
        // Arrange
        var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var stream = await EventStream.OpenAsync(client, EventsPath);
        await stream.NextAsync("hello");

        // Act
        var stopping = Task.Run(server.Dispose);

        // Assert
        Assert.That(await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(stopping), "An open stream does not hold the shutdown up.");
        await stream.DisposeAsync();
    }

    [Test]
    public void Collect_When_More_Calls_Came_Than_Kept_Sends_A_Gap_Then_The_Newest()
    {
        // Arrange
        var engine = new ChatMockEngine();
        var journal = engine.Journal;
        for (var i = 0; i < 10; i++)
        {
            Call(engine);
        }

        var stream = new LivePageStream(journal, "abc");
        var state = new LivePageStream.State(cursor: 2, total: journal.TotalRecorded);
        var writer = new ArrayBufferWriter<byte>();

        // Act
        stream.Collect(writer, state, keep: 3);

        // Assert
        var events = EventStream.Parse(Encoding.UTF8.GetString(writer.WrittenSpan));
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "gap", "calls" }));
            Assert.That(events[0].Data.GetProperty("from").GetInt64(), Is.EqualTo(3));
            Assert.That(events[0].Data.GetProperty("to").GetInt64(), Is.EqualTo(7));
            Assert.That(events[0].Id, Is.EqualTo("abc:7"));
            Assert.That(events[1].Data.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 8, 9, 10 }));
            Assert.That(events[1].Id, Is.EqualTo("abc:10"));
            Assert.That(state.Cursor, Is.EqualTo(10));
        });
    }

    [Test]
    public void Collect_Sends_At_Most_The_Calls_Of_One_Look_However_Many_Came()
    {
        // Arrange
        var engine = new ChatMockEngine();
        for (var i = 0; i < LivePageStream.MaxCallsPerLook + 250; i++)
        {
            Call(engine);
        }

        var stream = new LivePageStream(engine.Journal, "abc");
        var state = new LivePageStream.State(cursor: 0, total: engine.Journal.TotalRecorded);
        var writer = new ArrayBufferWriter<byte>();

        // Act
        stream.Collect(writer, state, keep: LivePageStream.MaxKeep);

        // Assert
        var events = EventStream.Parse(Encoding.UTF8.GetString(writer.WrittenSpan));
        Assert.Multiple(() =>
        {
            Assert.That(events[0].Name, Is.EqualTo("gap"));
            Assert.That(events[0].Data.GetProperty("to").GetInt64(), Is.EqualTo(250));
            Assert.That(events.Where(e => e.Name == "calls").Sum(e => e.Data.GetArrayLength()), Is.EqualTo(LivePageStream.MaxCallsPerLook));
            Assert.That(events[^1].Id, Is.EqualTo($"abc:{LivePageStream.MaxCallsPerLook + 250}"));
        });
    }

    [Test]
    public void Collect_When_Calls_Left_The_Journal_Unread_Sends_A_Gap_And_Cleared()
    {
        // Arrange
        var engine = new ChatMockEngine();
        var journal = engine.Journal;
        for (var i = 0; i < 4; i++)
        {
            Call(engine);
        }

        var stream = new LivePageStream(journal, "abc");
        var state = new LivePageStream.State(cursor: 1, total: journal.TotalRecorded);
        engine.Reset();
        Call(engine);
        var writer = new ArrayBufferWriter<byte>();

        // Act
        stream.Collect(writer, state, keep: 1000);

        // Assert
        var events = EventStream.Parse(Encoding.UTF8.GetString(writer.WrittenSpan));
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "cleared", "gap", "calls" }));
            Assert.That(events[1].Data.GetProperty("reason").GetString(), Is.EqualTo("gone"));
            Assert.That(events[1].Data.GetProperty("from").GetInt64(), Is.EqualTo(2));
            Assert.That(events[1].Data.GetProperty("to").GetInt64(), Is.EqualTo(4));
            Assert.That(events[2].Data[0].GetProperty("id").GetInt64(), Is.EqualTo(5));
        });
    }

    [TestCase("abc:12", true, "abc", 12)]
    [TestCase("12", false, "", 0)]
    [TestCase(":12", false, "", 0)]
    [TestCase("abc:-1", false, "abc", 0)]
    [TestCase("", false, "", 0)]
    public void ParseLastEventId_Reads_Instance_And_Call_Id(string value, bool parsed, string instance, long id)
    {
        // Act
        var result = LivePageStream.ParseLastEventId(value, out var readInstance, out var readId);

        // Assert
        Assert.That((result, result ? readInstance : instance, readId), Is.EqualTo((parsed, instance, id)));
    }

    private static HttpClient NoRedirects(ChatMockServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Url };

    private static string ContractsFolder(string kind)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "contracts", "examples", "AddChatMessage", kind);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("contracts/examples/AddChatMessage not found above the test folder.");
    }

    private static void Call(ChatMockEngine engine) => engine.Handle(new ChatMockRequest { Method = "GET", Path = "/nothing-here" });

    /// <summary>Reads a server-sent event stream over HTTP, one event at a time, with a deadline.</summary>
    internal sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;
        private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(10));

        private EventStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        public static List<Event> Parse(string text) =>
            [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(ParseBlock).OfType<Event>()];

        /// <summary>Returns the next event named <paramref name="name"/>, skipping others.</summary>
        public async Task<Event> NextAsync(string name)
        {
            var block = new StringBuilder();
            while (true)
            {
                var line = await _reader.ReadLineAsync(_deadline.Token) ?? throw new EndOfStreamException("The stream ended.");
                if (line.Length > 0)
                {
                    block.Append(line).Append('\n');
                    continue;
                }

                if (ParseBlock(block.ToString()) is { } found && found.Name == name)
                {
                    return found;
                }

                block.Clear();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            _deadline.Dispose();
            await Task.CompletedTask;
        }

        private static Event? ParseBlock(string block)
        {
            string? name = null, id = null, data = null;
            foreach (var line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line["id: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }

            return name is null || data is null ? null : new Event(name, id, JsonDocument.Parse(data).RootElement.Clone());
        }
    }

    internal sealed record Event(string Name, string? Id, JsonElement Data);
}
