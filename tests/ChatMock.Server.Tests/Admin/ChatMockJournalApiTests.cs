using System.Text.Json;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>ChatMock's journal over HTTP, <c>/__admin/chatmock</c>, driven with a plain HttpClient.</summary>
public sealed class ChatMockJournalApiTests
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

    [Test]
    public async Task Calls_Lists_Every_Call_Oldest_First_With_Its_Request_Violations_And_Response()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/calls");

        // Assert
        var first = body.GetProperty("calls")[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(body.GetProperty("order").GetString(), Is.EqualTo("oldest"));
            Assert.That(body.GetProperty("newestId").GetInt64(), Is.EqualTo(4));
            Assert.That(Ids(body), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
            Assert.That(first.GetProperty("operation").GetString(), Is.EqualTo("AddChatMessage"));
            Assert.That(first.GetProperty("request").GetProperty("method").GetString(), Is.EqualTo("POST"));
            Assert.That(first.GetProperty("request").GetProperty("path").GetString(), Is.EqualTo(CallPath));
            Assert.That(first.GetProperty("request").GetProperty("headers").GetProperty("Authorization").GetString(), Is.EqualTo("Basic tje0:***"));
            Assert.That(first.GetProperty("addChatMessage").GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(403));
            Assert.That(first.GetProperty("addChatMessage").GetProperty("Message").GetProperty("Message").GetString(), Is.EqualTo("Hello"));
            Assert.That(first.GetProperty("credentials").GetProperty("userName").GetString(), Is.EqualTo("tje0"));
            Assert.That(first.GetProperty("violations").GetArrayLength(), Is.Zero);
            Assert.That(first.GetProperty("warnings").ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(first.GetProperty("response").GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
            Assert.That(first.GetProperty("response").GetProperty("chatMessage").GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Calls_Says_The_Journals_Capacity_And_How_Many_Calls_It_Recorded_Dropped_Ones_Included()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, JournalCapacity = 2 });
        using var client = new HttpClient { BaseAddress = server.Url };
        for (var i = 0; i < 3; i++)
        {
            await PostCallAsync(client, """{"ChatSessionId": 403}""");
        }

        // Act
        var (status, body) = await GetAsync(client, "/__admin/chatmock/calls?status=400");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("total").GetInt32(), Is.Zero, "the filter matches none");
            Assert.That(body.GetProperty("capacity").GetInt32(), Is.EqualTo(2));
            Assert.That(body.GetProperty("totalRecorded").GetInt64(), Is.EqualTo(3), "whatever the filter, dropped calls included");
        });
    }

    [TestCase("chatSessionId=404", new long[] { 2 })]
    [TestCase("status=400", new long[] { 3 })]
    [TestCase("operation=AddChatMessage", new long[] { 1, 2, 3 })]
    [TestCase("operation=none", new long[] { 4 })]
    [TestCase("hasViolations=true", new long[] { 3 })]
    [TestCase("hasViolations=false", new long[] { 1, 2, 4 })]
    [TestCase("violationPath=/ChatSessionId", new long[] { 3 })]
    [TestCase("violationPath=/Message/Type", new long[0])]
    [TestCase("status=200&chatSessionId=403", new long[] { 1 })]
    public async Task Calls_Filters_By_Query(string query, long[] expected)
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/calls?" + query);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(Ids(body), Is.EqualTo(expected));
            Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(expected.Length));
        });
    }

    [TestCase("limit=2", new long[] { 1, 2 })]
    [TestCase("limit=2&offset=2", new long[] { 3, 4 })]
    [TestCase("order=newest", new long[] { 4, 3, 2, 1 })]
    [TestCase("order=newest&limit=1", new long[] { 4 })]
    [TestCase("sinceId=2", new long[] { 3, 4 })]
    [TestCase("sinceId=4", new long[0])]
    [TestCase("limit=0", new long[0])]
    public async Task Calls_Pages_And_Orders(string query, long[] expected)
    {
        // Act
        var (_, body) = await GetAsync(_client, "/__admin/chatmock/calls?" + query);

        // Assert
        Assert.That(Ids(body), Is.EqualTo(expected));
    }

    [Test]
    public async Task Calls_Reports_The_Total_Before_Paging()
    {
        // Act
        var (_, body) = await GetAsync(_client, "/__admin/chatmock/calls?limit=1&offset=1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(body.GetProperty("offset").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("limit").GetInt32(), Is.EqualTo(1));
        });
    }

    [TestCase("", 4)]
    [TestCase("?status=200", 2)]
    [TestCase("?hasViolations=true", 1)]
    public async Task Count_Counts_The_Matching_Calls(string query, int expected)
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/calls/count" + query);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task Call_By_Id_Answers_The_Call()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/calls/3");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("id").GetInt64(), Is.EqualTo(3));
            Assert.That(body.GetProperty("addChatMessage").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.GetProperty("violations")[0].GetProperty("path").GetString(), Is.EqualTo("/ChatSessionId"));
            Assert.That(body.GetProperty("response").GetProperty("statusCode").GetInt32(), Is.EqualTo(400));
            Assert.That(body.GetProperty("response").GetProperty("chatMessage").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Call_By_Id_Answers_404_For_An_Unknown_Id()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/calls/99");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(404));
            Assert.That(Error(body).Code, Is.EqualTo(404));
            Assert.That(Error(body).Title, Is.EqualTo("Not found"));
            Assert.That(Error(body).Detail, Is.EqualTo(
                "No call 99 in the journal: it was never recorded, was cleared, or was dropped (the journal keeps the last 10000)."));
        });
    }

    [Test]
    public async Task Violations_Lists_Each_Violation_With_Its_Call()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/violations");

        // Assert
        var violation = body.GetProperty("violations")[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(violation.GetProperty("callId").GetInt64(), Is.EqualTo(3));
            Assert.That(violation.GetProperty("url").GetString(), Is.EqualTo(CallPath));
            Assert.That(violation.GetProperty("statusCode").GetInt32(), Is.EqualTo(400));
            Assert.That(violation.GetProperty("path").GetString(), Is.EqualTo("/ChatSessionId"));
            Assert.That(violation.GetProperty("message").GetString(), Is.EqualTo("Expected an integer from -2147483648 to 2147483647 but got the string \"abc\"."));
        });
    }

    [Test]
    public async Task Violations_Filters_By_Pointer()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1, "Message": {"Type": "Outgoing", "Author": 5}}""");

        // Act
        var (_, all) = await GetAsync(_client, "/__admin/chatmock/violations");
        var (_, type) = await GetAsync(_client, "/__admin/chatmock/violations?path=/Message/Type");
        var (_, newest) = await GetAsync(_client, "/__admin/chatmock/violations?order=newest&limit=1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(3));
            Assert.That(Ids(type, "violations"), Is.EqualTo(new long[] { 5 }));
            Assert.That(type.GetProperty("violations")[0].GetProperty("path").GetString(), Is.EqualTo("/Message/Type"));
            Assert.That(Ids(newest, "violations"), Is.EqualTo(new long[] { 5 }));
        });
    }

    [Test]
    public async Task Delete_Calls_Clears_The_Journal_And_Ids_Go_On()
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Delete, "/__admin/chatmock/calls");
        await PostCallAsync(_client, """{"ChatSessionId": 7}""");

        // Assert
        var (_, after) = await GetAsync(_client, "/__admin/chatmock/calls");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("cleared").GetInt32(), Is.EqualTo(4));
            Assert.That(body.GetProperty("idsReset").GetBoolean(), Is.False);
            Assert.That(Ids(after), Is.EqualTo(new long[] { 5 }), "call ids are never reused");
            Assert.That(after.GetProperty("calls")[0].GetProperty("response").GetProperty("chatMessage").GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Reset_With_ResetIds_Starts_Message_Ids_Again()
    {
        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/chatmock/calls/reset?resetIds=true");
        await PostCallAsync(_client, """{"ChatSessionId": 7}""");

        // Assert
        var (_, after) = await GetAsync(_client, "/__admin/chatmock/calls");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("idsReset").GetBoolean(), Is.True);
            Assert.That(after.GetProperty("calls")[0].GetProperty("response").GetProperty("chatMessage").GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(1));
        });
    }

    [TestCase("/__admin/chatmock/calls?colour=blue",
        "The query parameter 'colour' is not known here; use chatSessionId, status, operation, hasViolations, violationPath, sinceId, limit, offset, order.")]
    [TestCase("/__admin/chatmock/calls?col%0Aour=blue",
        "The query parameter 'col\\u000aour' is not known here; use chatSessionId, status, operation, hasViolations, violationPath, sinceId, limit, offset, order.")]
    [TestCase("/__admin/chatmock/calls?limit=abc", "The query parameter 'limit' must be a number from 0 to 10000; it was 'abc'.")]
    [TestCase("/__admin/chatmock/calls?status=2%0900", "The query parameter 'status' must be an HTTP status code from 100 to 599; it was '2\\u000900'.")]
    [TestCase("/__admin/chatmock/calls?order=sideways", "The query parameter 'order' must be oldest or newest; it was 'sideways'.")]
    [TestCase("/__admin/chatmock/calls?status=2000", "The query parameter 'status' must be an HTTP status code from 100 to 599; it was '2000'.")]
    [TestCase("/__admin/chatmock/calls?hasViolations=yes", "The query parameter 'hasViolations' must be true or false; it was 'yes'.")]
    [TestCase("/__admin/chatmock/calls?status=200&status=400", "The query parameter 'status' is given 2 times; give it once.")]
    [TestCase("/__admin/chatmock/calls/count?limit=1",
        "The query parameter 'limit' is not known here; use chatSessionId, status, operation, hasViolations, violationPath, sinceId.")]
    [TestCase("/__admin/chatmock/calls/abc", "'abc' is not a call id; ids are numbers: 1, 2, 3, ...")]
    public async Task Bad_Query_Answers_400_Naming_The_Problem(string url, string message)
    {
        // Act
        var (status, body) = await GetAsync(_client, url);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Error(body).Title, Is.EqualTo("Invalid admin request"));
            Assert.That(Error(body).Detail, Is.EqualTo(message));
        });
    }

    [Test]
    public async Task Unknown_Admin_Path_Answers_404_And_Is_Not_Recorded()
    {
        // Act
        var (status, body) = await GetAsync(_client, "/__admin/chatmock/everything");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(404));
            Assert.That(Error(body).Title, Is.EqualTo("Not found"));
            Assert.That(_server.Journal.Count, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Wrong_Method_Answers_405_With_Allow()
    {
        // Act
        using var response = await _client.PutAsync("/__admin/chatmock/calls", Json("{}"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(405));
            Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "DELETE" }));
        });
    }
}
