using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Server.Page;
using ChatMock.Server.Tests.Admin;
using EventStream = ChatMock.Server.Tests.Page.LivePageTests.EventStream;

namespace ChatMock.Server.Tests.Page;

/// <summary>The live page's view of the stored conversation: the sessions, one session's messages, the <c>chat</c> events, and the contract's schemas.</summary>
public sealed class LivePageChatTests
{
    private const string SessionsPath = "/__admin/chatmock/ui/sessions";
    private const string EventsPath = "/__admin/chatmock/ui/events";

    [Test]
    public async Task Sessions_List_The_Stored_Sessions_Newest_First_With_Topic_Customer_Status_Last_Message_And_Count()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Message(7, "ToUser", "Is the shop open?"));
        await AdminHttp.PostCallAsync(client, Message(403, "ToUser", "Where is my order?"));
        await AdminHttp.PostCallAsync(client, Message(403, "ToCustomer", "It left today."));
        server.Engine.Chat.UpdateSession(403, s => s with { CustomerName = "Ada Lovelace" });

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync(SessionsPath));
        var root = document.RootElement;

        // Assert
        var sessions = root.GetProperty("sessions");
        var first = sessions[0];
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("version").GetInt64(), Is.EqualTo(((InMemoryChatStore)server.Engine.Chat).Version));
            Assert.That(sessions.EnumerateArray().Select(s => s.GetProperty("id").GetInt32()), Is.EqualTo(new[] { 403, 7 }));
            Assert.That(first.GetProperty("messageCount").GetInt32(), Is.EqualTo(2));
            Assert.That(first.GetProperty("lastMessage").GetString(), Is.EqualTo("It left today."));
            Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("UserLast"));
            Assert.That(first.GetProperty("customer").GetString(), Is.EqualTo("Ada Lovelace"));
            Assert.That(first.GetProperty("topic").GetString(), Is.EqualTo(server.Engine.Chat.Topics()[0].Name).And.Not.Empty);
            Assert.That(sessions[1].GetProperty("messageCount").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Sessions_With_A_Limit_Give_The_Newest_And_Say_How_Many_There_Are()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        foreach (var id in new[] { 3, 9, 5 })
        {
            await AdminHttp.PostCallAsync(client, Message(id, "ToUser", "Hello"));
        }

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync(SessionsPath + "?limit=2"));

        // Assert
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("shown").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()), Is.EqualTo(new[] { 9, 5 }));
        });
    }

    [Test]
    public async Task Session_Gives_Its_Messages_In_Order_And_Not_The_Refused_Ones()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Message(403, "ToUser", "Where is my order?"));
        var refused = await AdminHttp.PostCallAsync(client, Message(403, "ToAgent", "Anyone there?"));
        await AdminHttp.PostCallAsync(client, Message(403, "ToCustomer", "It left today."));

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync(SessionsPath + "/403"));

        // Assert
        var root = document.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(400), "The message of a type not in the contract is refused.");
            Assert.That(root.GetProperty("session").GetProperty("id").GetInt32(), Is.EqualTo(403));
            Assert.That(root.GetProperty("session").GetProperty("messageCount").GetInt32(), Is.EqualTo(2));
            Assert.That(messages.Select(m => m.GetProperty("text").GetString()), Is.EqualTo(new[] { "Where is my order?", "It left today." }));
            Assert.That(messages.Select(m => m.GetProperty("type").GetString()), Is.EqualTo(new[] { "ToUser", "ToCustomer" }));
            Assert.That(messages[1].GetProperty("id").GetInt32(), Is.GreaterThan(messages[0].GetProperty("id").GetInt32()));
            Assert.That(server.Journal.Count, Is.EqualTo(3), "The refused message is still a call in the journal.");
        });
    }

    [Test]
    public async Task Session_With_A_Limit_Gives_Its_Newest_Messages_Oldest_First()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            await AdminHttp.PostCallAsync(client, Message(8, "ToUser", text));
        }

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync(SessionsPath + "/8?limit=2"));

        // Assert
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("shown").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("session").GetProperty("messageCount").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()), Is.EqualTo(new[] { "three", "four" }));
        });
    }

    [Test]
    public async Task Session_That_Is_Not_Stored_Gets_404()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.GetAsync(SessionsPath + "/12");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body, Does.Contain("No session 12 is stored"));
        });
    }

    [TestCase("/abc")]
    [TestCase("/0")]
    [TestCase("/-1")]
    [TestCase("/99999999999")]
    [TestCase("/1/messages")]
    [TestCase("?limit=0")]
    [TestCase("?limit=10001")]
    [TestCase("?limit=many")]
    [TestCase("?after=3")]
    [TestCase("/1?limit=0")]
    public async Task Sessions_With_A_Bad_Id_Or_Query_Get_400(string rest)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Message(1, "ToUser", "Hello"));

        // Act
        using var response = await client.GetAsync(SessionsPath + rest);
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body, Does.Contain("\"errors\""));
        });
    }

    [TestCase("")]
    [TestCase("/1")]
    public async Task Sessions_Refuse_A_Post_With_405(string rest)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.PostAsync(SessionsPath + rest, new StringContent("{}", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.Allow, Does.Contain("GET"));
        });
    }

    [Test]
    public async Task Sessions_With_Admin_Token_Need_It()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "secret-7" });
        using var client = new HttpClient { BaseAddress = server.Url };
        await AdminHttp.PostCallAsync(client, Message(1, "ToUser", "Hello"));

        // Act
        using var without = await client.GetAsync(SessionsPath);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, SessionsPath + "/1");
        withToken.Headers.Add("X-ChatMock-Admin-Token", "secret-7");
        using var with = await client.SendAsync(withToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Events_Send_Chat_When_A_Message_Is_Stored_A_Session_Deleted_And_The_State_Cleared()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await using var stream = await EventStream.OpenAsync(client, EventsPath);
        var start = (await stream.NextAsync("hello")).Data.GetProperty("chatVersion").GetInt64();

        // Act
        await AdminHttp.PostCallAsync(client, Message(403, "ToUser", "Hello"));
        var stored = (await stream.NextAsync("chat")).Data.GetProperty("version").GetInt64();
        server.Engine.Chat.DeleteSession(403);
        var deleted = (await stream.NextAsync("chat")).Data.GetProperty("version").GetInt64();
        server.Engine.Chat.Clear();
        var cleared = (await stream.NextAsync("chat")).Data.GetProperty("version").GetInt64();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.GreaterThan(start));
            Assert.That(deleted, Is.GreaterThan(stored));
            Assert.That(cleared, Is.GreaterThan(deleted), "The version goes on across a clear, so that the page sees it.");
        });
    }

    [Test]
    public void CollectChat_Sends_One_Event_For_Many_Changes_And_None_For_A_Refused_Message()
    {
        // Arrange
        var engine = new ChatMockEngine();
        var store = (InMemoryChatStore)engine.Chat;
        var stream = new LivePageStream(engine.Journal, "abc", () => store.Version);
        var state = new LivePageStream.State(cursor: 0, total: 0) { ChatVersion = store.Version };
        var refused = new ArrayBufferWriter<byte>();
        var changed = new ArrayBufferWriter<byte>();
        var quiet = new ArrayBufferWriter<byte>();

        // Act
        engine.Handle(Post(Message(5, "ToAgent", "Refused")));
        stream.CollectChat(refused, state);
        engine.Handle(Post(Message(5, "ToUser", "Hello")));
        engine.Handle(Post(Message(5, "ToCustomer", "Hi")));
        store.UpdateSession(5, s => s with { Status = "Ended" });
        stream.CollectChat(changed, state);
        stream.CollectChat(quiet, state);

        // Assert
        var events = EventStreamText(changed);
        Assert.Multiple(() =>
        {
            Assert.That(refused.WrittenCount, Is.Zero, "A refused message changes nothing stored.");
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0], Does.StartWith("event: chat\ndata: {\"version\":" + store.Version + "}"));
            Assert.That(events[0], Does.Not.Contain("id:"), "A chat event has no id: resuming goes by the calls.");
            Assert.That(quiet.WrittenCount, Is.Zero, "Nothing changed since the last look.");
        });
    }

    [Test]
    public void CollectChat_With_A_Store_Without_Version_Sends_A_Chat_Event_Every_Few_Looks()
    {
        // Arrange
        var engine = new ChatMockEngine();
        var stream = new LivePageStream(engine.Journal, "abc", chatVersion: null);
        var state = new LivePageStream.State(cursor: 0, total: 0);
        var writer = new ArrayBufferWriter<byte>();

        // Act
        for (var look = 0; look < LivePageStream.UnversionedChatTicks * 2; look++)
        {
            stream.CollectChat(writer, state);
        }

        // Assert
        Assert.That(EventStreamText(writer), Is.EqualTo(new[] { "event: chat\ndata: {\"version\":null}", "event: chat\ndata: {\"version\":null}" }));
    }

    [Test]
    public async Task Contract_Serves_Every_Schema_Of_The_Contract()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var files = Directory.GetFiles(ContractsFolder(), "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        // Act
        using var document = JsonDocument.Parse(await client.GetStringAsync("/__admin/chatmock/ui/contract"));

        // Assert
        var schemas = document.RootElement.GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(files, Does.Contain("chat-session-entity.schema.json").And.Contain("chat-topic-entity.schema.json"));
            Assert.That(schemas.EnumerateObject().Select(p => p.Name), Is.EqualTo(files));
            Assert.That(schemas.GetProperty("chat-session-entity.schema.json").GetProperty("properties").TryGetProperty("ChatSessionId", out _), Is.True);
        });
    }

    [Test]
    public void Schemas_From_A_Contracts_Folder_Replace_And_Add_And_Say_When_One_Is_Not_Json()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("chatmock-page-contract-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "error.schema.json"), """{"title": "mine"}""");
            File.WriteAllText(Path.Combine(folder.FullName, "extra.schema.json"), """{"title": "extra"}""");
            File.WriteAllText(Path.Combine(folder.FullName, "broken.schema.json"), "{ not json");

            // Act
            var schemas = LivePageContract.Schemas(folder.FullName);

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(schemas["error.schema.json"], Does.Contain("mine"));
                Assert.That(schemas["extra.schema.json"], Does.Contain("extra"));
                Assert.That(JsonDocument.Parse(schemas["broken.schema.json"]).RootElement.GetString(), Does.StartWith("broken.schema.json cannot be read as JSON"));
                Assert.That(schemas.Keys, Does.Contain("chat-topic-entity.schema.json"), "The embedded schemas the folder does not replace stay.");
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Message(int session, string type, string text) =>
        $$$"""{"ChatSessionId": {{{session}}}, "Message": {"Type": "{{{type}}}", "Message": "{{{text}}}"}}""";

    private static ChatMockRequest Post(string json) => new()
    {
        Method = "POST",
        Path = ChatMockRoutes.AddChatMessage,
        Headers = [new("Content-Type", "application/json"), new("Authorization", "Basic dGplMDpUamUw")],
        Body = Encoding.UTF8.GetBytes(json),
    };

    private static List<string> EventStreamText(ArrayBufferWriter<byte> writer) =>
        [.. Encoding.UTF8.GetString(writer.WrittenSpan).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];

    private static string ContractsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "contracts");
            if (File.Exists(Path.Combine(candidate, "openapi.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("contracts/ not found above the test folder.");
    }
}
