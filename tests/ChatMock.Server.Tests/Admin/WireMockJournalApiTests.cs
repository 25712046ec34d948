using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>The WireMock journal endpoints WireMock.Net lacks: <c>/__admin/requests/count</c> and <c>/unmatched</c>.</summary>
public sealed class WireMockJournalApiTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartServerWithFourCalls()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _client = new HttpClient { BaseAddress = _server.Url };
        await PostCallAsync(_client, """{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}""");
        await PostCallAsync(_client, """{"ChatSessionId": 404}""");
        await PostCallAsync(_client, """{"ChatSessionId": "abc"}""");
        using var notFound = await _client.GetAsync("/nowhere?x=1");
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCase("{}", 4)]
    [TestCase("""{"method": "POST", "url": "/api/v1/Agents/Chat/AddChatMessage"}""", 3)]
    [TestCase("""{"method": "ANY", "urlPath": "/nowhere"}""", 1)]
    [TestCase("""{"url": "/nowhere"}""", 0)]
    [TestCase("""{"url": "/nowhere?x=1"}""", 1)]
    [TestCase("""{"method": "GET"}""", 1)]
    [TestCase("""{"urlPattern": "/api/v1/Agents/.*"}""", 3)]
    [TestCase("""{"urlPathPattern": "/now.*"}""", 1)]
    [TestCase("""{"urlPattern": "/now"}""", 0)]
    [TestCase("""{"headers": {"Content-Type": {"equalTo": "application/json; charset=utf-8"}}}""", 3)]
    [TestCase("""{"headers": {"content-type": {"contains": "JSON", "caseInsensitive": true}}}""", 3)]
    [TestCase("""{"headers": {"Authorization": {"matches": "Basic tje0:.*"}}}""", 3)]
    [TestCase("""{"headers": {"Authorization": {"absent": true}}}""", 1)]
    [TestCase("""{"queryParameters": {"x": {"equalTo": "1"}}}""", 1)]
    [TestCase("""{"bodyPatterns": [{"contains": "403"}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {"ChatSessionId": 404}}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": "{\"ChatSessionId\": \"abc\"}"}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"doesNotMatch": ".*403.*"}]}""", 3)]
    public async Task Count_Counts_The_Recorded_Calls_A_WireMock_Pattern_Matches(string pattern, int expected)
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", pattern);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(expected));
        });
    }

    [TestCase("""{"cookies": {}}""",
        "'cookies' is not supported by ChatMock's request count; it supports method, url, urlPath, urlPattern, urlPathPattern, headers, queryParameters and bodyPatterns.")]
    [TestCase("""{"bodyPatterns": [{"matchesJsonPath": "$.ChatSessionId"}]}""",
        "bodyPatterns[0]: 'matchesJsonPath' is not supported by ChatMock; use equalTo (with caseInsensitive), contains, doesNotContain, matches, doesNotMatch, absent or equalToJson.")]
    [TestCase("""{"url": "/a", "urlPath": "/a"}""", "'urlPath' is given with another of url, urlPath, urlPattern and urlPathPattern; give one.")]
    [TestCase("""{"urlPattern": "("}""", null)]
    [TestCase("""[1]""", "The request pattern must be a JSON object such as {\"method\": \"POST\", \"url\": \"/api/v1/Agents/Chat/AddChatMessage\"}.")]
    [TestCase("""{"headers": {"X": {}}}""", "headers.X has no operator such as equalTo.")]
    [TestCase("""{"headers": {"X": {"equalTo": "a", "contains": "b"}}}""", "headers.X has both 'equalTo' and 'contains'; give one.")]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {}, "ignoreExtraElements": true}]}""",
        "bodyPatterns[0]: 'ignoreExtraElements' is not supported by ChatMock; equalToJson compares whole documents.")]
    public async Task Count_Refuses_A_Pattern_It_Cannot_Count_Faithfully(string pattern, string? message)
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", pattern);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body.GetProperty("ErrorType").GetString(), Is.EqualTo("InvalidAdminRequestException"));
            Assert.That(body.GetProperty("ErrorMessage").GetString(), message is null ? Does.StartWith("'urlPattern' is not a valid regular expression") : Is.EqualTo(message));
        });
    }

    [Test]
    public async Task Count_Counts_Past_WireMocks_Own_Short_Log()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, WireMockLogCapacity = 2 });
        using var client = new HttpClient { BaseAddress = server.Url };
        for (var i = 0; i < 5; i++)
        {
            await PostCallAsync(client, """{"ChatSessionId": 1}""");
        }

        // Act
        var (_, body) = await SendAsync(client, HttpMethod.Post, "/__admin/requests/count", """{"method": "POST"}""");

        // Assert
        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public async Task Unmatched_Lists_The_Calls_Routed_To_No_Operation_As_WireMock_LoggedRequests()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/requests/unmatched");

        // Assert
        var request = body.GetProperty("requests")[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("requests").GetArrayLength(), Is.EqualTo(1));
            Assert.That(body.GetProperty("requestJournalDisabled").GetBoolean(), Is.False);
            Assert.That(request.GetProperty("url").GetString(), Is.EqualTo("/nowhere?x=1"));
            Assert.That(request.GetProperty("absoluteUrl").GetString(), Is.EqualTo($"http://localhost:{_server.Port}/nowhere?x=1"));
            Assert.That(request.GetProperty("method").GetString(), Is.EqualTo("GET"));
            Assert.That(request.GetProperty("chatMockCallId").GetInt64(), Is.EqualTo(4));
            Assert.That(request.GetProperty("loggedDate").GetInt64(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Deleting_WireMocks_Requests_Clears_The_Journal_It_Counts()
    {
        // Act
        using var deleted = await _client.DeleteAsync("/__admin/requests");
        var (_, count) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", "{}");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(deleted.IsSuccessStatusCode, Is.True);
            Assert.That(count.GetProperty("count").GetInt32(), Is.Zero);
            Assert.That(_server.Journal.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Resetting_WireMocks_Requests_Clears_The_Journal_It_Counts()
    {
        // Act
        using var reset = await _client.PostAsync("/__admin/requests/reset", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reset.IsSuccessStatusCode, Is.True);
            Assert.That(_server.Journal.Count, Is.Zero);
        });
    }
}
