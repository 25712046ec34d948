using System.Net.Http.Headers;
using System.Text;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>
/// WireMock's request log served from ChatMock's journal: count, find, list, get, remove, reset, unmatched and near
/// misses, with WireMock's request patterns, in WireMock's dialect and in WireMock.Net's.
/// </summary>
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
        using var notFound = new HttpRequestMessage(HttpMethod.Get, "/nowhere?x=1");
        notFound.Headers.Add("Cookie", "theme=dark; session=s3cr3t");
        using var answer = await _client.SendAsync(notFound);
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
    [TestCase("""{"headers": {"Content-Type": {"equalTo": "APPLICATION/JSON; CHARSET=UTF-8", "caseInsensitive": true}}}""", 3)]
    [TestCase("""{"headers": {"Content-Type": {"equalTo": "APPLICATION/JSON; CHARSET=UTF-8"}}}""", 0)]
    [TestCase("""{"headers": {"content-type": {"contains": "JSON", "caseInsensitive": true}}}""", 3)]
    [TestCase("""{"headers": {"Authorization": {"matches": "Basic tje0:.*"}}}""", 3)]
    [TestCase("""{"headers": {"Authorization": {"absent": true}}}""", 1)]
    [TestCase("""{"headers": {"Authorization": {"doesNotMatch": "Bearer .*"}}}""", 3)]
    [TestCase("""{"cookies": {"theme": {"matches": ".+"}}}""", 1)]
    // The journal keeps cookie names, not their values (DESIGN.md D6): a value cannot be verified.
    [TestCase("""{"cookies": {"theme": {"equalTo": "dark"}}}""", 0)]
    [TestCase("""{"cookies": {"theme": {"absent": true}}}""", 3)]
    [TestCase("""{"queryParameters": {"x": {"equalTo": "1"}}}""", 1)]
    [TestCase("""{"queryParameters": {"x": {"absent": true}}}""", 3)]
    [TestCase("""{"basicAuthCredentials": {"username": "tje0", "password": "Tje0"}}""", 3)]
    [TestCase("""{"basicAuthCredentials": {"username": "someone", "password": "Tje0"}}""", 0)]
    [TestCase("""{"bodyPatterns": [{"contains": "403"}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"doesNotContain": "403"}]}""", 3)]
    [TestCase("""{"bodyPatterns": [{"doesNotMatch": ".*403.*"}]}""", 3)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {"ChatSessionId": 404}}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": "{\"ChatSessionId\": \"abc\"}"}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {"ChatSessionId": 403}}]}""", 0)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {"ChatSessionId": 403}, "ignoreExtraElements": true}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"equalToJson": {"Message": {"Type": "ToCustomer"}}, "ignoreExtraElements": true}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"matchesJsonPath": "$.Message"}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"matchesJsonPath": {"expression": "$.ChatSessionId", "equalTo": "404"}}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"matchesJsonPath": {"expression": "$.Message.Type", "matches": "To.*"}}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"binaryEqualTo": "eyJDaGF0U2Vzc2lvbklkIjogNDA0fQ=="}]}""", 1)]
    [TestCase("""{"bodyPatterns": [{"or": [{"contains": "403"}, {"contains": "404"}]}]}""", 2)]
    [TestCase("""{"url": "/api/v1/Agents/Chat/AddChatMessage", "bodyPatterns": [{"and": [{"contains": "ChatSessionId"}, {"doesNotContain": "Message"}]}]}""", 2)]
    public async Task Count_Counts_The_Recorded_Calls_A_WireMock_Pattern_Matches(string pattern, int expected)
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", pattern);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), body.ToString());
            Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(expected));
            Assert.That(body.GetProperty("requestJournalDisabled").GetBoolean(), Is.False);
        });
    }

    [TestCase("""{"cookies": []}""", 400, "/cookies")]
    [TestCase("""{"bodyPatterns": [{"equalToXml": "<a/>"}]}""", 422, "/bodyPatterns/0/equalToXml")]
    [TestCase("""{"bodyPatterns": [{"frobnicate": "x"}]}""", 400, "/bodyPatterns/0/frobnicate")]
    [TestCase("""{"url": "/a", "urlPath": "/a"}""", 400, "/urlPath")]
    [TestCase("""{"urlPattern": "("}""", 400, "/urlPattern")]
    [TestCase("""[1]""", 400, "/")]
    [TestCase("""{"headers": {"X": {}}}""", 400, "/headers/X")]
    [TestCase("""{"headers": {"X": {"equalTo": "a", "contains": "b"}}}""", 400, "/headers/X")]
    [TestCase("""{"headers": {"X": {"equalToJson": {}}}}""", 400, "/headers/X/equalToJson")]
    [TestCase("""{"formParameters": {}}""", 422, "/formParameters")]
    [TestCase("""{"colour": "blue"}""", 400, "/colour")]
    [TestCase("""{"bodyPatterns": [{"matchesJsonPath": "$[?(@.a =="}]}""", 400, "/bodyPatterns/0/matchesJsonPath")]
    [TestCase("""{"bodyPatterns": [{"matchesXPath": "//*["}]}""", 400, "/bodyPatterns/0/matchesXPath")]
    [TestCase("not json", 400, "/")]
    public async Task Count_Refuses_A_Pattern_It_Cannot_Count_Faithfully_In_WireMocks_Error_Format(string pattern, int status, string place)
    {
        // Act
        var (answered, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", pattern);

        // Assert
        var error = Error(body);
        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.EqualTo(status));
            Assert.That(error.Code, Is.EqualTo(status));
            Assert.That(error.Pointer, Is.EqualTo(place));
            Assert.That(error.Detail, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Count_Names_The_Unknown_Matcher()
    {
        // Act
        var (_, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", """{"bodyPatterns": [{"frobnicate": "x"}]}""");

        // Assert
        Assert.That(Error(body).Detail, Does.StartWith("Unknown matcher 'frobnicate' at /bodyPatterns/0"));
    }

    [Test]
    public async Task Count_Refuses_A_Backtracking_Regex_With_400_Not_A_Hang()
    {
        // Arrange
        using (var content = new StringContent(new string('a', 40) + "!", Encoding.UTF8, "text/plain"))
        using (await _client.PostAsync("/elsewhere", content))
        {
        }

        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", """{"bodyPatterns": [{"matches": "(a|aa)+$"}]}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(body).Pointer, Is.EqualTo("/bodyPatterns/0"));
            Assert.That(Error(body).Detail, Does.Contain("backtracks"));
        });
    }

    [Test]
    public async Task Count_Matches_XPath_With_And_Without_A_Nested_Matcher()
    {
        // Arrange
        using (var content = new StringContent("<Chat><Session>403</Session></Chat>", Encoding.UTF8, "application/xml"))
        using (await _client.PostAsync("/elsewhere", content))
        {
        }

        // Act
        var (_, any) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", """{"bodyPatterns": [{"matchesXPath": "/Chat/Session"}]}""");
        var (_, equal) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", """{"bodyPatterns": [{"matchesXPath": {"expression": "/Chat/Session", "equalTo": "403"}}]}""");
        var (_, other) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", """{"bodyPatterns": [{"matchesXPath": {"expression": "/Chat/Session", "equalTo": "404"}}]}""");

        // Assert
        Assert.That((any.GetProperty("count").GetInt32(), equal.GetProperty("count").GetInt32(), other.GetProperty("count").GetInt32()), Is.EqualTo((1, 1, 0)));
    }

    [TestCase(true, true, """[{"a": 1}, {"b": [2, 3]}]""", 1)]
    [TestCase(true, false, """[{"b": [2, 3]}, {"a": 1}, {"c": 4}]""", 1)]
    [TestCase(false, false, """[{"b": [2, 3]}, {"a": 1}, {"c": 4}]""", 0)]
    [TestCase(true, true, """[{"b": [3, 2]}, {"a": 1}, {"c": 4}]""", 1)]
    [TestCase(false, true, """[{"b": [3, 2]}, {"a": 1}, {"c": 4}]""", 0)]
    [TestCase(false, true, """[{"a": 1}, {"b": [2, 3]}, {"c": 4}]""", 1)]
    [TestCase(true, false, """[{"b": [3, 2]}, {"a": 1}]""", 0)]
    public async Task Count_Honours_Each_Of_IgnoreArrayOrder_And_IgnoreExtraElements(bool ignoreArrayOrder, bool ignoreExtraElements, string wanted, int expected)
    {
        // Arrange
        using (var content = new StringContent("""[{"a": 1}, {"b": [2, 3]}, {"c": 4}]""", Encoding.UTF8, "application/json"))
        using (await _client.PostAsync("/elsewhere", content))
        {
        }

        var pattern = $$"""{"urlPath": "/elsewhere", "bodyPatterns": [{"equalToJson": {{wanted}}, "ignoreArrayOrder": {{(ignoreArrayOrder ? "true" : "false")}}, "ignoreExtraElements": {{(ignoreExtraElements ? "true" : "false")}}}]}""";

        // Act
        var (_, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", pattern);

        // Assert
        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(expected));
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
    public async Task List_In_WireMocks_Dialect_Serves_Events_Newest_First_With_Meta()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/requests", JavaClientAgent);

        // Assert
        var events = body.GetProperty("requests").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("meta").GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(body.GetProperty("requestJournalDisabled").GetBoolean(), Is.False);
            Assert.That(events.Select(e => e.GetProperty("request").GetProperty("url").GetString()), Is.EqualTo(new[]
            {
                "/nowhere?x=1", CallPath, CallPath, CallPath,
            }));
            Assert.That(Guid.TryParse(events[0].GetProperty("id").GetString(), out _), Is.True);
            Assert.That(events[0].GetProperty("id").GetString(), Is.EqualTo(events[0].GetProperty("request").GetProperty("id").GetString()));
            Assert.That(events[0].GetProperty("wasMatched").GetBoolean(), Is.False);
            Assert.That(events[3].GetProperty("wasMatched").GetBoolean(), Is.True);
            Assert.That(events[3].GetProperty("response").GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(events[3].GetProperty("request").GetProperty("bodyAsBase64").GetString(), Is.EqualTo(Convert.ToBase64String(Encoding.UTF8.GetBytes(
                """{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}"""))));
        });
    }

    [Test]
    public async Task List_In_WireMockNets_Dialect_Is_A_Bare_Array_Of_Log_Entries_Oldest_First()
    {
        // Act: .NET's HttpClient sends no User-Agent, as WireMock.Net's admin interface does not.
        var (status, body) = await GetAsync(_client, "/__admin/requests");

        // Assert
        var entries = body.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(entries.Select(e => e.GetProperty("Request").GetProperty("Path").GetString()), Is.EqualTo(new[] { CallPath, CallPath, CallPath, "/nowhere" }));
            Assert.That(entries[0].GetProperty("Request").GetProperty("Method").GetString(), Is.EqualTo("POST"));
            Assert.That(entries[0].GetProperty("Response").GetProperty("StatusCode").GetInt32(), Is.EqualTo(200));
            Assert.That(entries[0].GetProperty("MappingGuid").GetString(), Is.EqualTo(ChatMockServer.EngineMappingGuid.ToString()));
            Assert.That(entries[3].GetProperty("Request").GetProperty("Query").GetProperty("x")[0].GetString(), Is.EqualTo("1"));
        });
    }

    [TestCase("wiremock.net", true)]
    [TestCase("wiremock", false)]
    public async Task Dialect_Header_Overrides_The_User_Agent(string dialect, bool bareArray)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/requests");
        request.Headers.TryAddWithoutValidation("User-Agent", JavaClientAgent);
        request.Headers.Add("X-ChatMock-Dialect", dialect);

        // Act
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(text.StartsWith('['), Is.EqualTo(bareArray), text);
    }

    [Test]
    public async Task Request_By_Uuid_Is_Stable_And_Answers_Both_Dialects()
    {
        // Arrange
        var (_, list) = await GetAsync(_client, "/__admin/requests", JavaClientAgent);
        var id = list.GetProperty("requests")[3].GetProperty("id").GetString();
        var (_, again) = await GetAsync(_client, "/__admin/requests", JavaClientAgent);

        // Act
        var (javaStatus, java) = await GetAsync(_client, "/__admin/requests/" + id, JavaClientAgent);
        var (netStatus, net) = await GetAsync(_client, "/__admin/requests/" + id);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("requests")[3].GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That((javaStatus, netStatus), Is.EqualTo((200, 200)));
            Assert.That(java.GetProperty("request").GetProperty("chatMockCallId").GetInt64(), Is.EqualTo(1));
            Assert.That(net.GetProperty("Guid").GetString(), Is.EqualTo(id));
        });
    }

    [Test]
    public async Task Request_Of_Another_Instance_Or_Unknown_Answers_404_In_WireMocks_Error_Format()
    {
        // Arrange
        using var other = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var otherClient = new HttpClient { BaseAddress = other.Url };
        await PostCallAsync(otherClient, """{"ChatSessionId": 1}""");
        var (_, list) = await GetAsync(otherClient, "/__admin/requests", JavaClientAgent);
        var foreign = list.GetProperty("requests")[0].GetProperty("id").GetString();

        // Act
        var (status, body) = await GetAsync(_client, "/__admin/requests/" + foreign, JavaClientAgent);
        var (unknownStatus, _) = await GetAsync(_client, "/__admin/requests/" + Guid.NewGuid(), JavaClientAgent);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((status, unknownStatus), Is.EqualTo((404, 404)));
            Assert.That(Error(body).Title, Is.EqualTo("Not found"));
        });
    }

    [Test]
    public async Task Delete_By_Uuid_And_Remove_By_Pattern_Take_Calls_Out_Of_The_Log()
    {
        // Arrange
        var (_, list) = await GetAsync(_client, "/__admin/requests", JavaClientAgent);
        var newest = list.GetProperty("requests")[0].GetProperty("id").GetString();

        // Act
        var (deleted, _) = await SendAsync(_client, HttpMethod.Delete, "/__admin/requests/" + newest);
        var (removedStatus, removed) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/remove", """{"bodyPatterns": [{"contains": "403"}]}""");
        var (_, count) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", "{}");
        var (gone, _) = await GetAsync(_client, "/__admin/requests/" + newest, JavaClientAgent);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((deleted, removedStatus, gone), Is.EqualTo((200, 200, 404)));
            Assert.That(removed.GetProperty("serveEvents").GetArrayLength(), Is.EqualTo(1));
            Assert.That(count.GetProperty("count").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Find_In_WireMocks_Dialect_Answers_Logged_Requests()
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/find", """{"method": "POST", "bodyPatterns": [{"contains": "abc"}]}""");

        // Assert
        var found = body.GetProperty("requests").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(found.GetProperty("body").GetString(), Is.EqualTo("""{"ChatSessionId": "abc"}"""));
            Assert.That(found.GetProperty("method").GetString(), Is.EqualTo("POST"));
        });
    }

    [Test]
    public async Task Find_In_WireMockNets_Dialect_Reads_Its_Request_Model_And_Answers_Log_Entries()
    {
        // Arrange: the body WireMock.Net's FindRequestsAsync sends (Newtonsoft, PascalCase, nulls kept).
        const string model = """
            {"ClientIP": null, "Path": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "/api/v1/Agents/Chat/*"}]}, "Url": null,
             "Methods": ["POST"], "Headers": null, "Cookies": null, "Params": null,
             "Body": {"Matcher": {"Name": "JsonPartialMatcher", "Pattern": {"ChatSessionId": 404}}}}
            """;

        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/find", model);

        // Assert
        var entry = body.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(entry.GetProperty("Request").GetProperty("Body").GetString(), Is.EqualTo("""{"ChatSessionId": 404}"""));
            Assert.That(entry.GetProperty("Guid").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Find_In_WireMockNets_Dialect_Refuses_An_Unknown_Matcher()
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/find", """{"Path": {"Matchers": [{"Name": "SimMetricsMatcher", "Pattern": "x"}]}}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(body).Detail, Does.StartWith("Unknown matcher 'SimMetricsMatcher'"));
        });
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
    public async Task Near_Misses_For_A_Pattern_Nothing_Matched_Are_The_Nearest_Calls()
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/near-misses/request-pattern",
            """{"method": "POST", "url": "/api/v1/Agents/Chat/AddChatMessage", "bodyPatterns": [{"contains": "405"}]}""");

        // Assert
        var misses = body.GetProperty("nearMisses").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(misses, Has.Count.EqualTo(3));
            Assert.That(misses.Select(m => m.GetProperty("request").GetProperty("url").GetString()), Is.All.EqualTo(CallPath));
            Assert.That(misses[0].GetProperty("matchResult").GetProperty("distance").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-6));
            Assert.That(misses[0].GetProperty("requestPattern").GetProperty("bodyPatterns")[0].GetProperty("contains").GetString(), Is.EqualTo("405"));
        });
    }

    [Test]
    public async Task Near_Misses_Of_A_Request_And_Of_Unmatched_Calls_Are_The_Nearest_WireMock_Stubs()
    {
        // Arrange
        var (added, _) = await SendAsync(_client, HttpMethod.Post, "/__admin/mappings", """{"request": {"method": "GET", "urlPath": "/nowhere", "queryParameters": {"x": {"equalTo": "2"}}}, "response": {"status": 204}}""");

        // Act
        var (status, forRequest) = await SendAsync(_client, HttpMethod.Post, "/__admin/near-misses/request", """{"url": "/nowhere?x=3", "method": "GET", "headers": {}}""");
        var (_, forUnmatched) = await GetAsync(_client, "/__admin/requests/unmatched/near-misses");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((added, status), Is.EqualTo((201, 200)));
            Assert.That(forRequest.GetProperty("nearMisses")[0].GetProperty("stubMapping").GetProperty("response").GetProperty("status").GetInt32(), Is.EqualTo(204));
            Assert.That(forRequest.GetProperty("nearMisses")[0].GetProperty("matchResult").GetProperty("distance").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-6));
            Assert.That(forUnmatched.GetProperty("nearMisses")[0].GetProperty("request").GetProperty("url").GetString(), Is.EqualTo("/nowhere?x=1"));
        });
    }

    [Test]
    public async Task Request_Log_Never_Shows_A_Credential_In_Either_Dialect()
    {
        // Arrange
        using (var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json("""{"ChatSessionId": 1}""") })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "very-secret-token");
            request.Headers.Add("X-XSRF-TOKEN", "xsrf-secret");
            using var answer = await _client.SendAsync(request);
        }

        // Act
        var texts = new List<string>();
        foreach (var (method, url, body, agent) in new (HttpMethod, string, string?, string?)[]
        {
            (HttpMethod.Get, "/__admin/requests", null, JavaClientAgent),
            (HttpMethod.Get, "/__admin/requests", null, null),
            (HttpMethod.Post, "/__admin/requests/find", "{}", null),
            (HttpMethod.Post, "/__admin/requests/find", """{"method": "ANY"}""", null),
            (HttpMethod.Get, "/__admin/requests/unmatched", null, null),
            (HttpMethod.Post, "/__admin/near-misses/request-pattern", """{"url": "/x"}""", null),
            (HttpMethod.Get, "/__admin/chatmock/calls", null, null),
        })
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = Json(body);
            }

            if (agent is not null)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", agent);
            }

            using var response = await _client.SendAsync(request);
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        // Assert
        Assert.Multiple(() =>
        {
            foreach (var text in texts)
            {
                Assert.That(text, Does.Not.Contain("dGplMDpUamUw").And.Not.Contain("very-secret-token").And.Not.Contain("xsrf-secret").And.Not.Contain("s3cr3t"));
            }

            Assert.That(texts[0], Does.Contain("Basic tje0:***").And.Contain("Bearer ***"));
        });
    }

    [Test]
    public async Task Unknown_Admin_Path_Answers_404_In_WireMocks_Format_And_Is_Not_Recorded()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/no-such-thing");
        var (wrongMethod, _) = await SendAsync(_client, HttpMethod.Patch, "/__admin/mappings", "{}");
        var (_, unmatched) = await GetAsync(_client, "/__admin/requests/unmatched");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((status, wrongMethod), Is.EqualTo((404, 405)));
            Assert.That(Error(body).Code, Is.EqualTo(404));
            Assert.That(_server.Journal.Count, Is.EqualTo(4), "no admin request is a call of the mocked API");
            Assert.That(unmatched.GetProperty("requests").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [TestCase("DELETE", "/__admin/requests")]
    [TestCase("POST", "/__admin/requests/reset")]
    public async Task Resetting_The_Request_Log_Clears_The_Journal_And_WireMocks_Log(string method, string url)
    {
        // Act
        var (status, body) = await SendAsync(_client, new HttpMethod(method), url);
        var (_, count) = await SendAsync(_client, HttpMethod.Post, "/__admin/requests/count", "{}");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("Status").GetString(), Is.EqualTo("Requests deleted"));
            Assert.That(count.GetProperty("count").GetInt32(), Is.Zero);
            Assert.That(_server.Journal.Count, Is.Zero);
            Assert.That(_server.WireMock.LogEntries.Where(e => !e.RequestMessage!.Path.StartsWith("/__admin", StringComparison.Ordinal)), Is.Empty);
        });
    }
}
