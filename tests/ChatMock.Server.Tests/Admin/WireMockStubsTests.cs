using System.Net.Http.Headers;
using System.Text;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>
/// Stubs in WireMock's JSON format, posted to <c>/__admin/mappings</c>: translated to WireMock.Net mappings that
/// match exactly what they say, answered back in WireMock's shape, and refused with the field named when ChatMock
/// does not translate it.
/// </summary>
public sealed class WireMockStubsTests
{
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

    [TestCase("""{"urlPath": "/hello"}""", "/hello", "/hello?any=1", "/hello/there")]
    [TestCase("""{"url": "/hello?a=1"}""", "/hello?a=1", "/hello?a=1", "/hello?a=2")]
    [TestCase("""{"url": "/hello"}""", "/hello", "/hello", "/hello?a=1")]
    [TestCase("""{"urlPattern": "/hel+o\\?a=[0-9]"}""", "/hellllo?a=7", "/helo?a=1", "/hello?a=x")]
    [TestCase("""{"urlPattern": "^/hello$"}""", "/hello", "/hello", "/hello2")]
    [TestCase("""{"urlPathPattern": "/items/[0-9]+"}""", "/items/12", "/items/9?q=1", "/items/x")]
    public async Task Url_Stub_Answers_Its_Urls_Only_And_The_Engine_Still_Validates_The_Rest(string url, string first, string second, string other)
    {
        // Arrange
        var stub = """{"request": {""" + url[1..^1] + """, "method": "GET"}, "response": {"status": 200, "jsonBody": {"stubbed": true}}}""";
        var (added, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", stub);

        // Act
        using var a = await _client.GetAsync(first);
        using var b = await _client.GetAsync(second);
        using var c = await _client.GetAsync(other);
        var invalid = await PostCallAsync(_client, """{"ChatSessionId": "abc"}""");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(added, Is.EqualTo(201));
            Assert.That(((int)a.StatusCode, (int)b.StatusCode), Is.EqualTo((200, 200)));
            Assert.That(await a.Content.ReadAsStringAsync(), Is.EqualTo("""{"stubbed": true}"""), "jsonBody is answered as it was written");
            Assert.That((int)c.StatusCode, Is.EqualTo(404), "the engine answers a path the stub does not match");
            Assert.That(invalid, Is.EqualTo(400), "AddChatMessage is still checked against the contract");
        });
    }

    [Test]
    public async Task Stub_Matches_Method_Headers_Query_Cookies_Basic_Auth_And_Body()
    {
        // Arrange
        const string stub = """
            {"request": {"method": "POST", "urlPath": "/api/v1/Agents/Chat/AddChatMessage",
                         "headers": {"X-Scenario": {"equalTo": "down"}, "X-Other": {"absent": true}},
                         "queryParameters": {"lang": {"matches": "n[bo]"}},
                         "cookies": {"team": {"contains": "chat"}},
                         "basicAuthCredentials": {"username": "tje0", "password": "Tje0"},
                         "bodyPatterns": [{"matchesJsonPath": "$.ChatSessionId"}, {"equalToJson": {"ChatSessionId": 7}, "ignoreExtraElements": true}]},
             "response": {"status": 503, "body": "down", "headers": {"Content-Type": "text/plain", "Retry-After": "5"}}}
            """;
        var (added, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", stub);

        async Task<int> Send(string query, string scenario, string cookie, string auth, string body, bool other = false)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, CallPath + query) { Content = Json(body) };
            request.Headers.Add("X-Scenario", scenario);
            request.Headers.Add("Cookie", cookie);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", auth);
            if (other)
            {
                request.Headers.Add("X-Other", "1");
            }

            using var response = await _client.SendAsync(request);
            return (int)response.StatusCode;
        }

        const string Good = "dGplMDpUamUw";
        var wrongPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes("tje0:nope"));

        // Act
        var statuses = new[]
        {
            await Send("?lang=nb", "down", "team=chatters", Good, """{"ChatSessionId": 7, "Message": {"Type": "ToUser"}}"""),
            await Send("?lang=sv", "down", "team=chatters", Good, """{"ChatSessionId": 7}"""),
            await Send("?lang=nb", "up", "team=chatters", Good, """{"ChatSessionId": 7}"""),
            await Send("?lang=nb", "down", "team=sales", Good, """{"ChatSessionId": 7}"""),
            await Send("?lang=nb", "down", "team=chatters", wrongPassword, """{"ChatSessionId": 7}"""),
            await Send("?lang=nb", "down", "team=chatters", Good, """{"ChatSessionId": 8}"""),
            await Send("?lang=nb", "down", "team=chatters", Good, """{"ChatSessionId": 7}""", other: true),
        };

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(201));
            Assert.That(statuses[0], Is.EqualTo(503), "everything matches");
            Assert.That(statuses.Skip(1), Is.All.Not.EqualTo(503), "each mismatch falls to the engine");
        });
    }

    [Test]
    public async Task Stub_Response_Has_Its_Status_Headers_And_Each_Kind_Of_Body()
    {
        // Arrange
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"urlPath": "/text"}, "response": {"status": 202, "body": "queued", "headers": {"X-Ids": ["1", "2"]}}}""");
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"urlPath": "/binary"}, "response": {"base64Body": "AQID"}}""");
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"urlPath": "/slow"}, "response": {"status": 200, "fixedDelayMilliseconds": 100}}""");

        // Act
        using var text = await _client.GetAsync("/text");
        var binary = await _client.GetByteArrayAsync("/binary");
        var started = TimeProvider.System.GetTimestamp();
        using var slow = await _client.GetAsync("/slow");
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)text.StatusCode, Is.EqualTo(202));
            Assert.That(await text.Content.ReadAsStringAsync(), Is.EqualTo("queued"));
            Assert.That(text.Headers.GetValues("X-Ids"), Is.EqualTo(new[] { "1", "2" }).Or.EqualTo(new[] { "1,2" }).Or.EqualTo(new[] { "1, 2" }));
            Assert.That(binary, Is.EqualTo(new byte[] { 1, 2, 3 }));
            // A timer may fire a fraction of a millisecond before the stopwatch says the time is up: a margin of 10 ms
            // against timer granularity still tells a delay of 100 ms from none (a local call answers in about one).
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90)), "the delay the stub said was applied");
        });
    }

    [Test]
    public async Task Priority_Decides_Between_Stubs_As_In_WireMock()
    {
        // Arrange
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"priority": 10, "request": {"urlPathPattern": "/p/.*"}, "response": {"status": 201}}""");
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"priority": 1, "request": {"urlPath": "/p/one"}, "response": {"status": 202}}""");

        // Act
        using var one = await _client.GetAsync("/p/one");
        using var two = await _client.GetAsync("/p/two");

        // Assert
        Assert.That(((int)one.StatusCode, (int)two.StatusCode), Is.EqualTo((202, 201)));
    }

    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"bodyFileName": "a.json"}}""", 422, "/response/bodyFileName", "files")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"proxyBaseUrl": "http://example.test"}}""", 422, "/response/proxyBaseUrl", "proxy")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"fault": "EMPTY_RESPONSE"}}""", 422, "/response/fault", "fault")]
    [TestCase("""{"scenarioName": "s", "request": {"urlPath": "/x"}, "response": {}}""", 422, "/scenarioName", "scenarios")]
    [TestCase("""{"request": {"urlPath": "/x", "multipartPatterns": []}, "response": {}}""", 422, "/request/multipartPatterns", "multipartPatterns")]
    [TestCase("""{"request": {"urlPath": "/x", "headers": {"A": {"fuzzy": "a"}}}, "response": {}}""", 400, "/request/headers/A/fuzzy", "fuzzy")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"status": 9000}}""", 400, "/response/status", "status")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"body": "a", "jsonBody": {}}}""", 400, "/response/jsonBody", "both")]
    [TestCase("""{"id": "not-a-uuid", "request": {"urlPath": "/x"}}""", 400, "/id", "UUID")]
    [TestCase("""{"response": {"status": 200}}""", 400, "/request", "request")]
    public async Task Stub_With_Something_Not_Translated_Is_Refused_Naming_The_Field_And_Not_Stored(string stub, int status, string place, string word)
    {
        // Arrange
        var before = _server.WireMock.Mappings.Count;

        // Act
        var (answered, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", stub);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.EqualTo(status));
            Assert.That(Error(body).Pointer, Is.EqualTo(place));
            Assert.That(Error(body).Detail, Does.Contain(word));
            Assert.That(_server.WireMock.Mappings.Count, Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Mappings_Answer_In_WireMocks_Shape_For_Its_Clients_And_In_WireMockNets_For_Its_Own()
    {
        // Arrange
        var (_, added) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"name": "hello", "request": {"method": "GET", "urlPath": "/hello"}, "response": {"status": 200, "body": "hi"}}""");
        var id = added.GetProperty("id").GetString();

        // Act
        var (_, java) = await GetAsync(_client, "/__admin/mappings", JavaClientAgent);
        var (_, one) = await GetAsync(_client, "/__admin/mappings/" + id, JavaClientAgent);
        var (_, net) = await GetAsync(_client, "/__admin/mappings");

        // Assert
        var mappings = java.GetProperty("mappings").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(java.GetProperty("meta").GetProperty("total").GetInt32(), Is.EqualTo(2), "the stub and the engine");
            Assert.That(mappings[0].GetProperty("request").GetProperty("urlPath").GetString(), Is.EqualTo("/hello"));
            Assert.That(mappings[0].GetProperty("name").GetString(), Is.EqualTo("hello"));
            Assert.That(mappings[1].GetProperty("id").GetString(), Is.EqualTo(ChatMockServer.EngineMappingGuid.ToString()));
            Assert.That(one.GetProperty("response").GetProperty("body").GetString(), Is.EqualTo("hi"));
            Assert.That(net.EnumerateArray().Select(m => m.GetProperty("Guid").GetString()), Does.Contain(id));
            Assert.That(net.EnumerateArray().Single(m => m.GetProperty("Guid").GetString() == id).GetProperty("Request").GetProperty("Path").GetProperty("Matchers")[0].GetProperty("Pattern").GetString(),
                Is.EqualTo("/hello"), "WireMock.Net lists the path matcher the stub was translated to");
        });
    }

    [Test]
    public async Task Put_Replaces_A_Stub_And_Delete_Removes_It()
    {
        // Arrange
        var (_, added) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"urlPath": "/v"}, "response": {"status": 201}}""");
        var id = added.GetProperty("id").GetString();

        // Act
        var (replaced, _) = await SendAsync(_client, HttpMethod.Put, "/__admin/mappings/" + id, """{"request": {"urlPath": "/v"}, "response": {"status": 202}}""");
        using var afterPut = await _client.GetAsync("/v");
        var (deleted, _) = await SendAsync(_client, HttpMethod.Delete, "/__admin/mappings/" + id);
        using var afterDelete = await _client.GetAsync("/v");
        var (missing, _) = await GetAsync(_client, "/__admin/mappings/" + id, JavaClientAgent);
        var (putUnknown, _) = await SendAsync(_client, HttpMethod.Put, "/__admin/mappings/" + Guid.NewGuid(), """{"request": {"urlPath": "/v"}}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((replaced, deleted, missing, putUnknown), Is.EqualTo((200, 200, 404, 404)));
            Assert.That(((int)afterPut.StatusCode, (int)afterDelete.StatusCode), Is.EqualTo((202, 404)));
        });
    }

    [Test]
    public async Task Import_Adds_Every_Stub_Or_None()
    {
        // Act
        var (bad, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings/import",
            """{"mappings": [{"request": {"urlPath": "/a"}, "response": {"status": 201}}, {"request": {"urlPath": "/b"}, "response": {"bodyFileName": "x"}}]}""");
        using var notAdded = await _client.GetAsync("/a");
        var (good, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings/import",
            """{"mappings": [{"request": {"urlPath": "/a"}, "response": {"status": 201}}, {"request": {"urlPath": "/b"}, "response": {"status": 202}}]}""");
        using var a = await _client.GetAsync("/a");
        using var b = await _client.GetAsync("/b");

        // Assert
        Assert.That((bad, (int)notAdded.StatusCode, good, (int)a.StatusCode, (int)b.StatusCode), Is.EqualTo((422, 404, 200, 201, 202)));
    }

    [Test]
    public async Task WireMockNet_Format_Mappings_Still_Go_To_WireMockNet()
    {
        // Act
        var (added, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings",
            """{"Request": {"Path": "/net", "Methods": ["GET"]}, "Response": {"StatusCode": 208, "Body": "net"}}""");
        using var answer = await _client.GetAsync("/net");

        // Assert
        Assert.That((added, (int)answer.StatusCode), Is.EqualTo((201, 208)));
    }

    [Test]
    public async Task Scenarios_Answer_In_WireMocks_Shape()
    {
        // Act
        var (status, java) = await GetAsync(_client, "/__admin/scenarios", JavaClientAgent);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(java.GetProperty("scenarios").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Mappings_Reset_In_WireMocks_Dialect_Removes_Stubs_And_Keeps_The_Engine()
    {
        // Arrange
        await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"urlPath": "/gone"}, "response": {"status": 201}}""");

        // Act
        var (status, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings/reset", userAgent: JavaClientAgent);
        using var gone = await _client.GetAsync("/gone");
        var (_, java) = await GetAsync(_client, "/__admin/mappings", JavaClientAgent);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((status, (int)gone.StatusCode), Is.EqualTo((200, 404)));
            Assert.That(java.GetProperty("meta").GetProperty("total").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WireMockNets_Own_Errors_Come_In_WireMocks_Error_Format_Without_A_Stack_Trace()
    {
        // Act
        var (missing, missingBody) = await SendAsync(_client, HttpMethod.Delete, "/__admin/mappings/" + Guid.NewGuid());
        var (bad, badBody) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings",
            """{"Request": {"Path": {"Matchers": [{"Name": "NoSuchMatcher", "Pattern": "x"}]}}, "Response": {"StatusCode": 200}}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(404));
            Assert.That(Error(missingBody).Code, Is.EqualTo(404));
            Assert.That(bad, Is.EqualTo(400));
            Assert.That(Error(badBody).Detail, Does.Contain("NoSuchMatcher").And.Not.Contain(" at "));
        });
    }

    [TestCase("""{"queryParameters": {"debug": {"absent": true}}}""", "/s", "/s?debug=1")]
    [TestCase("""{"cookies": {"session": {"absent": true}}}""", "/s", "/s#cookie")]
    [TestCase("""{"headers": {"X-Id": {"or": [{"equalTo": "1"}, {"equalTo": "2"}]}}}""", "/s#x-id-2", "/s#x-id-3")]
    [TestCase("""{"method": "POST", "bodyPatterns": [{"binaryEqualTo": "AQID"}]}""", "/s#binary-123", "/s#binary-124")]
    [TestCase("""{"method": "POST", "bodyPatterns": [{"matchesXPath": {"expression": "/a/b", "equalTo": "1"}}]}""", "/s#xml-1", "/s#xml-2")]
    public async Task Stub_Matchers_On_The_Live_Request_Match_What_They_Say(string pattern, string matching, string other)
    {
        // Arrange
        var stub = """{"request": {"urlPath": "/s", """ + pattern[1..^1] + """}, "response": {"status": 299}}""";
        var (added, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", stub);

        // Act
        var first = await SendLiveAsync(matching);
        var second = await SendLiveAsync(other);

        // Assert
        Assert.That((added, first, second), Is.EqualTo((201, 299, 404)), body.ToString());
    }

    /// <summary>Sends GET (or, for a body, POST) to the path before '#'; what follows it says which header, cookie or body to send.</summary>
    private async Task<int> SendLiveAsync(string target)
    {
        var parts = target.Split('#');
        using var request = new HttpRequestMessage(HttpMethod.Get, parts[0]);
        switch (parts.Length > 1 ? parts[1] : string.Empty)
        {
            case "cookie":
                request.Headers.Add("Cookie", "session=abc");
                break;
            case var header when header.StartsWith("x-id-", StringComparison.Ordinal):
                request.Headers.Add("X-Id", header["x-id-".Length..]);
                break;
            case var binary when binary.StartsWith("binary-", StringComparison.Ordinal):
                request.Method = HttpMethod.Post;
                request.Content = new ByteArrayContent([.. binary["binary-".Length..].Select(c => (byte)(c - '0'))]);
                break;
            case var xml when xml.StartsWith("xml-", StringComparison.Ordinal):
                request.Method = HttpMethod.Post;
                request.Content = new StringContent($"<a><b>{xml["xml-".Length..]}</b></a>", Encoding.UTF8, "application/xml");
                break;
        }

        using var response = await _client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
