using System.Net.Http.Headers;
using System.Text.Json;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>The chat state over HTTP, <c>/__admin/chatmock/sessions</c>, <c>/topics</c> and <c>/reset</c>, driven with a plain HttpClient.</summary>
public sealed class ChatStateApiTests
{
    private const string Seed = """
        {"session": {"TopicId": 1, "Status": "InQueue", "CustomerName": "Kari Nordmann"},
         "messages": [
           {"Type": "ToUser", "Message": "Is my order on its way?", "Author": "Kari Nordmann", "WhenPosted": "2026-11-24T12:00:00Z"},
           {"type": "ToCustomer", "message": "It ships today.", "author": "Tore"}]}
        """;

    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task Sessions_Lists_The_Session_A_Message_Made_And_Get_Shows_Its_Messages()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Hello"}}""");

        // Act
        var (listStatus, list) = await GetAsync(_client, "/__admin/chatmock/sessions");
        var (getStatus, one) = await GetAsync(_client, "/__admin/chatmock/sessions/403");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(listStatus, Is.EqualTo(200));
            Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(list.GetProperty("sessions")[0].GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(403));
            Assert.That(getStatus, Is.EqualTo(200));
            Assert.That(one.GetProperty("session").GetProperty("LastMessage").GetString(), Is.EqualTo("Hello"));
            Assert.That(one.GetProperty("messages").GetArrayLength(), Is.EqualTo(1));
            Assert.That(one.GetProperty("messages")[0].GetProperty("Message").GetString(), Is.EqualTo("Hello"));
        });
    }

    [Test]
    public async Task Put_Session_Seeds_It_And_The_Api_Reads_Back_Its_Messages()
    {
        // Act
        var (status, stored) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", Seed);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ChatSession/7/Messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await _client.SendAsync(request);
        using var read = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var messages = stored.GetProperty("messages");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), stored.ToString());
            Assert.That(stored.GetProperty("session").GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(7));
            Assert.That(stored.GetProperty("session").GetProperty("Status").GetString(), Is.EqualTo("InQueue"), "the messages leave the session as sent");
            Assert.That(stored.GetProperty("session").GetProperty("CustomerAlias").GetString(), Is.EqualTo(string.Empty), "left out: the schema's default");
            Assert.That(messages.EnumerateArray().Select(m => m.GetProperty("ChatMessageId").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(messages.EnumerateArray().Select(m => m.GetProperty("ChatSessionId").GetInt32()), Is.EqualTo(new[] { 7, 7 }));
            Assert.That(messages[1].GetProperty("Author").GetString(), Is.EqualTo("Tore"), "names in another casing are read");
            Assert.That(messages[1].GetProperty("WhenPosted").GetString(), Is.Not.Null.And.EndsWith("Z"), "no WhenPosted: the server's time");
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(read.RootElement.EnumerateArray().Select(m => m.GetProperty("Message").GetString()), Is.EqualTo(new[] { "Is my order on its way?", "It ships today." }));
        });
    }

    [Test]
    public async Task Put_Session_Replaces_The_Session_And_Its_Messages()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 7, "Message": {"Type": "ToUser", "Message": "Old"}}""");

        // Act
        var (status, _) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", """{"session": {"ChatSessionId": 7, "CustomerName": "New"}}""");
        var (_, read) = await GetAsync(_client, "/__admin/chatmock/sessions/7");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(read.GetProperty("session").GetProperty("CustomerName").GetString(), Is.EqualTo("New"));
            Assert.That(read.GetProperty("session").GetProperty("LastMessage").GetString(), Is.EqualTo(string.Empty));
            Assert.That(read.GetProperty("messages").GetArrayLength(), Is.Zero);
        });
    }

    [TestCase("""{"session": {"Status": "Asleep"}}""", "/session/Status")]
    [TestCase("""{"session": {"Unknown": 1}}""", "/session/Unknown")]
    [TestCase("""{"session": {"ChatSessionId": 8}}""", "/session/ChatSessionId")]
    [TestCase("""{"session": {}, "messages": [{"Type": "Shout"}]}""", "/messages/0/Type")]
    [TestCase("""{"session": {}, "messages": [1]}""", "/messages/0")]
    [TestCase("""{"session": {}, "messages": {}}""", "/messages")]
    [TestCase("""{"session": [], "messages": []}""", "/session")]
    [TestCase("""{"messages": []}""", "/session")]
    [TestCase("""{"session": {}, "extra": true}""", "/extra")]
    [TestCase("""[]""", "")]
    public async Task Put_Session_With_A_Bad_Body_Is_400_Naming_The_Place_And_Changes_Nothing(string body, string place)
    {
        // Act
        var (status, answer) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", body);
        var (getStatus, _) = await GetAsync(_client, "/__admin/chatmock/sessions/7");

        // Assert
        var error = Error(answer);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(error.Pointer, Is.EqualTo(place), error.Detail);
            Assert.That(error.Detail, Is.Not.Empty);
            Assert.That(getStatus, Is.EqualTo(404), "a refused seed stores nothing");
        });
    }

    [TestCase("{")]
    [TestCase("not json")]
    [TestCase("")]
    public async Task Put_Session_That_Is_Not_Json_Is_400(string body)
    {
        // Act
        var (status, answer) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Title, Is.EqualTo("Invalid admin request"));
        });
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("99999999999")]
    public async Task Session_With_An_Id_That_Is_Not_One_Is_400(string id)
    {
        // Act
        var (status, answer) = await GetAsync(_client, "/__admin/chatmock/sessions/" + id);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Detail, Does.Contain("not a ChatSessionId"));
        });
    }

    [Test]
    public async Task Delete_Session_Removes_It_And_A_Second_Delete_Is_404()
    {
        // Arrange
        await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", Seed);

        // Act
        var (first, removed) = await SendAsync(_client, HttpMethod.Delete, "/__admin/chatmock/sessions/7");
        var (second, _) = await SendAsync(_client, HttpMethod.Delete, "/__admin/chatmock/sessions/7");
        var (get, _) = await GetAsync(_client, "/__admin/chatmock/sessions/7");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(200));
            Assert.That(removed.GetProperty("sessions").GetInt32(), Is.EqualTo(1));
            Assert.That(removed.GetProperty("messages").GetInt32(), Is.EqualTo(2));
            Assert.That(second, Is.EqualTo(404));
            Assert.That(get, Is.EqualTo(404));
        });
    }

    [Test]
    public async Task Delete_Sessions_Clears_The_State_And_Keeps_The_Journal()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        await PostCallAsync(_client, """{"ChatSessionId": 2}""");

        // Act
        var (status, cleared) = await SendAsync(_client, HttpMethod.Delete, "/__admin/chatmock/sessions");
        var (_, sessions) = await GetAsync(_client, "/__admin/chatmock/sessions");
        var (_, count) = await GetAsync(_client, "/__admin/chatmock/calls/count");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(cleared.GetProperty("sessions").GetInt32(), Is.EqualTo(2));
            Assert.That(cleared.GetProperty("messages").GetInt32(), Is.EqualTo(2));
            Assert.That(cleared.GetProperty("journalCleared").GetBoolean(), Is.False);
            Assert.That(sessions.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(count.GetProperty("count").GetInt32(), Is.EqualTo(2));
        });
    }

    [TestCase("/__admin/chatmock/reset?journal=false", false)]
    [TestCase("/__admin/chatmock/reset?journal=true", true)]
    [TestCase("/__admin/chatmock/reset", true)]
    public async Task Reset_Clears_The_State_And_The_Journal_Unless_Told_To_Keep_It(string url, bool journalCleared)
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Act
        var (status, cleared) = await SendAsync(_client, HttpMethod.Post, url);
        var (_, sessions) = await GetAsync(_client, "/__admin/chatmock/sessions");
        var (_, count) = await GetAsync(_client, "/__admin/chatmock/calls/count");
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        var (_, after) = await GetAsync(_client, "/__admin/chatmock/sessions/1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(cleared.GetProperty("journalCleared").GetBoolean(), Is.EqualTo(journalCleared));
            Assert.That(cleared.GetProperty("calls").GetInt32(), Is.EqualTo(journalCleared ? 1 : 0));
            Assert.That(sessions.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(count.GetProperty("count").GetInt32(), Is.EqualTo(journalCleared ? 0 : 1));
            Assert.That(after.GetProperty("messages")[0].GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(1), "message ids start again");
        });
    }

    [TestCase("?journal=maybe")]
    [TestCase("?journal=true&journal=false")]
    [TestCase("?resetIds=true")]
    public async Task Reset_With_A_Bad_Query_Is_400_And_Clears_Nothing(string query)
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Act
        var (status, answer) = await SendAsync(_client, HttpMethod.Post, "/__admin/chatmock/reset" + query);
        var (_, sessions) = await GetAsync(_client, "/__admin/chatmock/sessions");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Detail, Does.Contain("journal=true"));
            Assert.That(sessions.GetProperty("total").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Put_Topics_Replaces_Them_And_The_Api_Serves_The_New_Ones()
    {
        // Arrange
        var (_, before) = await GetAsync(_client, "/__admin/chatmock/topics");

        // Act
        var (status, stored) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/topics", """[{"ChatTopicId": 42, "Name": "Returns"}]""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ChatTopic/42");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await _client.SendAsync(request);
        using var topic = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var (_, after) = await GetAsync(_client, "/__admin/chatmock/topics");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("topics").GetArrayLength(), Is.GreaterThanOrEqualTo(1));
            Assert.That(status, Is.EqualTo(200), stored.ToString());
            Assert.That(stored.GetProperty("topics").GetArrayLength(), Is.EqualTo(1));
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(topic.RootElement.GetProperty("Name").GetString(), Is.EqualTo("Returns"));
            Assert.That(after.GetProperty("topics")[0].GetProperty("ChatTopicId").GetInt32(), Is.EqualTo(42));
        });
    }

    [Test]
    public async Task Put_Topics_Takes_What_Get_Answered()
    {
        // Arrange
        var (_, topics) = await GetAsync(_client, "/__admin/chatmock/topics");

        // Act
        var (status, stored) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/topics", topics.GetRawText());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), stored.ToString());
            Assert.That(stored.GetRawText(), Is.EqualTo(topics.GetRawText()));
        });
    }

    [TestCase("""[{"ChatTopicId": 1}, {"ChatTopicId": 1}]""", "/1/ChatTopicId")]
    [TestCase("""[{"Name": "No id"}]""", "/0/ChatTopicId")]
    [TestCase("""[{"ChatTopicId": "one"}]""", "/0/ChatTopicId")]
    [TestCase("""[{"ChatTopicId": 1, "Colour": "red"}]""", "/0/Colour")]
    [TestCase("""[7]""", "/0")]
    [TestCase("""{"topics": {}}""", "/topics")]
    [TestCase("""{}""", "")]
    public async Task Put_Topics_With_A_Bad_Body_Is_400_And_Keeps_The_Topics(string body, string place)
    {
        // Arrange
        var (_, before) = await GetAsync(_client, "/__admin/chatmock/topics");

        // Act
        var (status, answer) = await SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/topics", body);
        var (_, after) = await GetAsync(_client, "/__admin/chatmock/topics");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Pointer, Is.EqualTo(place), Error(answer).Detail);
            Assert.That(after.GetRawText(), Is.EqualTo(before.GetRawText()));
        });
    }

    [TestCase("POST", "/__admin/chatmock/sessions", "GET, DELETE")]
    [TestCase("POST", "/__admin/chatmock/sessions/1", "GET, PUT, DELETE")]
    [TestCase("DELETE", "/__admin/chatmock/topics", "GET, PUT")]
    [TestCase("GET", "/__admin/chatmock/reset", "POST")]
    public async Task State_Endpoint_With_Another_Method_Is_405_Naming_The_Allowed_Ones(string method, string path, string allowed)
    {
        // Act
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(405));
            Assert.That(response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : string.Join(", ", response.Headers.GetValues("Allow")), Is.EqualTo(allowed));
        });
    }

    [Test]
    public async Task Unknown_Path_Below_Sessions_Is_404_Naming_The_Endpoints()
    {
        // Act
        var (status, answer) = await GetAsync(_client, "/__admin/chatmock/sessions/1/messages");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(404));
            Assert.That(Error(answer).Detail, Does.Contain("/__admin/chatmock/sessions"));
        });
    }

    [TestCase("GET", "/__admin/chatmock/sessions")]
    [TestCase("PUT", "/__admin/chatmock/sessions/7")]
    [TestCase("PUT", "/__admin/chatmock/topics")]
    [TestCase("POST", "/__admin/chatmock/reset")]
    public async Task State_Endpoint_Needs_The_Admin_Token_When_One_Is_Set(string method, string path)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "s3cret-token-for-tests" });
        using var client = new HttpClient { BaseAddress = server.Url };
        await PostCallAsync(client, """{"ChatSessionId": 1}""");

        // Act
        var (status, _) = await SendAsync(client, new HttpMethod(method), path, method == "GET" ? null : Seed);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/__admin/chatmock/sessions");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token-for-tests");
        using var allowed = await client.SendAsync(withToken);
        using var sessions = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(401));
            Assert.That((int)allowed.StatusCode, Is.EqualTo(200));
            Assert.That(sessions.RootElement.GetProperty("total").GetInt32(), Is.EqualTo(1), "the refused request changed nothing");
        });
    }

    [TestCase("PUT", "/__admin/chatmock/sessions/7")]
    [TestCase("DELETE", "/__admin/chatmock/sessions")]
    [TestCase("POST", "/__admin/chatmock/reset")]
    public async Task State_Change_From_Another_Origin_Is_Refused(string method, string path)
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(Seed) };
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");

        // Act
        using var response = await _client.SendAsync(request);
        var (_, sessions) = await GetAsync(_client, "/__admin/chatmock/sessions");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(403));
            Assert.That(sessions.GetProperty("total").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Put_Session_With_More_Messages_Than_A_Session_Keeps_Is_400()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MaxMessagesPerSession = 2 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var body = """{"session": {}, "messages": [{"Message": "1"}, {"Message": "2"}, {"Message": "3"}]}""";

        // Act
        var (status, answer) = await SendAsync(client, HttpMethod.Put, "/__admin/chatmock/sessions/7", body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Detail, Does.Contain("MaxMessagesPerSession"));
        });
    }

    [Test]
    public async Task Put_Session_With_More_Bytes_Than_The_Store_Keeps_Is_400_Naming_The_Message()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MaxChatBytes = 1_048_576 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var text = new string('x', 600_000);
        var body = $$$"""{"session": {}, "messages": [{"Message": "{{{text}}}"}, {"Message": "{{{text}}}"}]}""";

        // Act
        var (status, answer) = await SendAsync(client, HttpMethod.Put, "/__admin/chatmock/sessions/7", body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(answer).Detail, Does.Contain("MaxChatBytes"));
            Assert.That(Error(answer).Pointer, Is.EqualTo("/messages/1"));
            Assert.That(server.Chat.Messages(7), Has.Count.EqualTo(1), "the message before it is kept");
        });
    }

    [Test]
    public async Task Put_Session_Racing_Messages_To_It_Answers_200_Or_409_And_Never_Fails()
    {
        // Arrange
        var seeds = Enumerable.Range(0, 20).Select(_ => SendAsync(_client, HttpMethod.Put, "/__admin/chatmock/sessions/7", Seed));
        var posts = Enumerable.Range(0, 20).Select(i => PostCallAsync(_client, """{"ChatSessionId": 7, "Message": {"Type": "ToUser", "Message": "m""" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}"));

        // Act
        var seeded = Task.WhenAll(seeds);
        var posted = Task.WhenAll(posts);
        await Task.WhenAll(seeded, posted);
        var (status, read) = await GetAsync(_client, "/__admin/chatmock/sessions/7");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(seeded.Result.Select(r => r.Status), Is.All.AnyOf(200, 409));
            Assert.That(posted.Result, Is.All.EqualTo(200));
            Assert.That(status, Is.EqualTo(200));
            Assert.That(read.GetProperty("messages").GetArrayLength(), Is.GreaterThanOrEqualTo(1));
        });
    }
}
