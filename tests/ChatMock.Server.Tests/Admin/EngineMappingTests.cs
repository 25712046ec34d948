using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>
/// WireMock's admin API removes every mapping on a reset, ChatMock's catch-all too; the admin middleware puts it back.
/// </summary>
public sealed class EngineMappingTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, WireMockLogCapacity = 100 });
        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCase("DELETE", "/__admin/mappings")]
    [TestCase("POST", "/__admin/mappings/reset")]
    [TestCase("POST", "/__admin/mappings/reset?reloadStaticMappings=true")]
    [TestCase("DELETE", "/__admin/mappings/c4a7b0a1-3e57-4c2b-9a61-0c4a7b0a13e5")]
    public async Task Engine_Answers_Again_After_WireMock_Removes_Mappings(string method, string url)
    {
        // Act
        using var removed = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        var status = await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed.IsSuccessStatusCode, Is.True);
            Assert.That(status, Is.EqualTo(200));
            Assert.That(_server.WireMock.Mappings.Count(m => m.Guid == ChatMockServer.EngineMappingGuid), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Mappings_Reset_Removes_The_Users_Mappings_But_Not_The_Engine()
    {
        // Arrange
        _server.WireMock.Given(Request.Create().WithPath("/mine")).RespondWith(Response.Create().WithStatusCode(418));
        using var before = await _client.GetAsync("/mine");

        // Act
        using var reset = await _client.PostAsync("/__admin/mappings/reset", null);
        using var after = await _client.GetAsync("/mine");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)before.StatusCode, Is.EqualTo(418));
            Assert.That((int)after.StatusCode, Is.EqualTo(404), "the engine answers 404 for a path it does not serve");
            Assert.That(_server.Journal.GetCalls().Select(c => c.Operation), Is.EqualTo(new[] { "WireMockMapping", null }), "the mapping answered, then the engine");
        });
    }

    [Test]
    public async Task Disabling_The_Engine_Mapping_Is_Honoured_And_The_Calls_Are_Unmatched()
    {
        // Arrange
        using var disabled = await _client.PutAsync($"/__admin/mappings/{ChatMockServer.EngineMappingGuid}/disable", null);

        // Act
        var status = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        var (_, unmatched) = await GetAsync(_client, "/__admin/requests/unmatched");

        // Assert
        var call = _server.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(disabled.IsSuccessStatusCode, Is.True);
            Assert.That(status, Is.EqualTo(404), "WireMock's own 'No matching mapping found'");
            Assert.That(call.Operation, Is.Null);
            Assert.That(call.Warnings, Is.EqualTo(new[] { "No WireMock mapping matched: the ChatMock engine mapping is disabled or was removed." }));
            Assert.That(unmatched.GetProperty("requests").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Call_Answered_By_A_Users_Mapping_Is_Recorded_In_The_Journal()
    {
        // Arrange
        var guid = Guid.Parse("11111111-2222-3333-4444-555555555555");
        _server.WireMock
            .Given(Request.Create().WithPath(CallPath).UsingPost())
            .WithGuid(guid)
            .WithTitle("maintenance")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "text/plain").WithBody("down"));

        // Act
        var status = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        var (_, list) = await GetAsync(_client, "/__admin/chatmock/calls?operation=WireMockMapping");

        // Assert
        var call = list.GetProperty("calls")[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(503));
            Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(call.GetProperty("request").GetProperty("body").GetString(), Is.EqualTo("""{"ChatSessionId": 1}"""));
            Assert.That(call.GetProperty("request").GetProperty("headers").GetProperty("Authorization").GetString(), Is.EqualTo("Basic tje0:***"));
            Assert.That(call.GetProperty("response").GetProperty("statusCode").GetInt32(), Is.EqualTo(503));
            Assert.That(call.GetProperty("response").GetProperty("contentType").GetString(), Is.EqualTo("text/plain"));
            Assert.That(call.GetProperty("response").GetProperty("body").GetString(), Is.EqualTo("down"));
            Assert.That(call.GetProperty("warnings")[0].GetString(), Is.EqualTo(
                "Answered by the WireMock mapping 11111111-2222-3333-4444-555555555555 ('maintenance'), not by ChatMock: the request was not checked against the contract."));
        });
    }

    [Test]
    public async Task Calls_Answered_By_A_Users_Mapping_Are_Recorded_Without_WireMocks_Own_Log()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, WireMockLogCapacity = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        server.WireMock
            .Given(Request.Create().WithPath(CallPath).UsingPost().WithBody(new WireMock.Matchers.JsonPartialMatcher("""{"ChatSessionId": 7}""")))
            .RespondWith(Response.Create().WithStatusCode(202).WithBody("queued"));

        // Act
        var byMapping = await PostCallAsync(client, """{"ChatSessionId": 7}""");
        var byEngine = await PostCallAsync(client, """{"ChatSessionId": 8}""");

        // Assert
        var calls = server.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That((byMapping, byEngine), Is.EqualTo((202, 200)), "a JSON body matcher of a user's mapping still matches");
            Assert.That(calls.Select(c => c.Operation), Is.EqualTo(new[] { "WireMockMapping", "AddChatMessage" }));
            Assert.That(calls[0].Request.Body, Is.EqualTo("""{"ChatSessionId": 7}"""));
            Assert.That(calls[0].Response.Body, Is.EqualTo("queued"));
            Assert.That(server.WireMock.LogEntries, Is.Empty, "WireMock's own log was asked to keep nothing");
        });
    }

    [Test]
    public async Task Admin_Reset_Restores_Mappings_And_Clears_Both_Journals()
    {
        // Arrange
        _server.WireMock.Given(Request.Create().WithPath("/mine")).RespondWith(Response.Create().WithStatusCode(418));
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Act
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/__admin/reset");
        using var mine = await _client.GetAsync("/mine");
        var after = await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("Status").GetString(), Is.EqualTo("Mappings, scenarios and requests reset"));
            Assert.That((int)mine.StatusCode, Is.EqualTo(404));
            Assert.That(after, Is.EqualTo(200));
            Assert.That(_server.Journal.GetCalls().Select(c => c.Request.Path), Is.EqualTo(new[] { "/mine", CallPath }));
            Assert.That(_server.WireMock.LogEntries.Select(e => e.RequestMessage!.Path).Where(p => !p.StartsWith("/__", StringComparison.Ordinal)),
                Is.EqualTo(new[] { "/mine", CallPath }));
        });
    }

    [Test]
    public async Task WireMock_Mappings_Still_List_The_Engine_After_A_Reset()
    {
        // Act
        using var reset = await _client.PostAsync("/__admin/mappings/reset", null);
        var mappings = await _client.GetStringAsync("/__admin/mappings");

        // Assert
        using var document = JsonDocument.Parse(mappings);
        Assert.That(
            document.RootElement.EnumerateArray().Select(m => m.GetProperty("Guid").GetString()),
            Is.EqualTo(new[] { ChatMockServer.EngineMappingGuid.ToString() }));
    }
}
