using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests;

/// <summary>
/// While the engine's catch-all is the only mapping, the engine answers in front of WireMock.Net's matching; any
/// mapping of the user's takes over at once, and the answers are the same either way.
/// </summary>
public sealed class DirectAnswersTests
{
    private const string MaintenanceMapping = """
        {
          "Guid": "5e1f4a2b-0000-4000-8000-00000000d1a1",
          "Request": { "Path": "/api/v1/Agents/Chat/AddChatMessage", "Methods": ["POST"] },
          "Response": { "StatusCode": 503, "Body": "down for maintenance" }
        }
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
    public async Task Calls_Are_Answered_Directly_While_The_Engine_Mapping_Is_The_Only_One()
    {
        // Act
        var first = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        var second = await PostCallAsync(_client, """{"ChatSessionId": 2, "Message": {"Type": "Sideways"}}""");
        using var elsewhere = await _client.GetAsync("/elsewhere");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(new[] { first, second, (int)elsewhere.StatusCode }, Is.EqualTo(new[] { 200, 400, 404 }));
            Assert.That(_server.DirectAnswers.Answered, Is.EqualTo(3));
            Assert.That(_server.Journal.GetCalls().Select(c => c.Response.StatusCode), Is.EqualTo(new[] { 200, 400, 404 }), "each one recorded once");
        });
    }

    [Test]
    public async Task A_Mapping_Posted_Through_The_Admin_Api_Answers_The_Very_Next_Call_And_Deleting_It_Gives_The_Engine_Back()
    {
        for (var round = 0; round < 5; round++)
        {
            // Arrange
            var answeredBefore = _server.DirectAnswers.Answered;

            // Act
            using var added = await _client.PostAsync("/__admin/mappings", Json(MaintenanceMapping));
            var byMapping = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
            var answeredWhileMapped = _server.DirectAnswers.Answered;
            using var deleted = await _client.DeleteAsync("/__admin/mappings/5e1f4a2b-0000-4000-8000-00000000d1a1");
            var byEngine = await PostCallAsync(_client, """{"ChatSessionId": 1}""");

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(added.IsSuccessStatusCode && deleted.IsSuccessStatusCode, Is.True, $"round {round}");
                Assert.That(byMapping, Is.EqualTo(503), $"round {round}: the mapping answers the call right after it was posted");
                Assert.That(answeredWhileMapped, Is.EqualTo(answeredBefore), $"round {round}: not answered directly");
                Assert.That(byEngine, Is.EqualTo(200), $"round {round}");
                Assert.That(_server.DirectAnswers.Answered, Is.EqualTo(answeredBefore + 1), $"round {round}: answered directly again");
            });
        }
    }

    [Test]
    public async Task Calls_Racing_Mapping_Changes_Are_Each_Answered_Once_By_The_Engine_Or_The_Mapping()
    {
        // Arrange: clients calling without pause while the mapping comes and goes
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                statuses.Add(await PostCallAsync(_client, """{"ChatSessionId": 1}"""));
            }
        })).ToArray();

        // Act
        var mappedAfterPost = new List<int>();
        for (var round = 0; round < 10; round++)
        {
            using var added = await _client.PostAsync("/__admin/mappings", Json(MaintenanceMapping));
            mappedAfterPost.Add(await PostCallAsync(_client, """{"ChatSessionId": 1}"""));
            using var deleted = await _client.DeleteAsync("/__admin/mappings/5e1f4a2b-0000-4000-8000-00000000d1a1");
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(mappedAfterPost, Has.All.EqualTo(503), "a call made after the POST returned is the mapping's");
            Assert.That(statuses, Has.All.AnyOf(200, 503));
            Assert.That(_server.Journal.TotalRecorded, Is.EqualTo(statuses.Count + mappedAfterPost.Count), "every call recorded once");
            Assert.That(_server.DirectAnswers.Answered, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task A_Mapping_For_Another_Path_Sends_Every_Call_Through_WireMock()
    {
        // Arrange
        using var added = await _client.PostAsync("/__admin/mappings", Json("""{"Request": {"Path": "/mine"}, "Response": {"StatusCode": 418}}"""));

        // Act
        var call = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        using var mine = await _client.GetAsync("/mine");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call, Is.EqualTo(200));
            Assert.That((int)mine.StatusCode, Is.EqualTo(418));
            Assert.That(_server.DirectAnswers.Answered, Is.Zero);
            Assert.That(_server.Journal.GetCalls().Select(c => c.Operation), Is.EqualTo(new[] { "AddChatMessage", "WireMockMapping" }));
        });
    }

    [Test]
    public async Task Reading_The_WireMock_Server_Turns_Direct_Answers_Off_So_Its_Mappings_Count_At_Once()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Act
        _server.WireMock
            .Given(Request.Create().WithPath(CallPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503));
        var status = await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        using var removed = await _client.DeleteAsync("/__admin/mappings");
        var afterRemoval = await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(503));
            Assert.That(afterRemoval, Is.EqualTo(200));
            Assert.That(_server.DirectAnswers.Answered, Is.EqualTo(1), "only the call made before the server was handed out");
        });
    }

    [Test]
    public async Task A_Compressed_Body_Is_Decoded_And_Answered_Directly()
    {
        // Arrange
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionMode.Compress, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("""{"ChatSessionId": 7, "Message": null}"""));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.DirectAnswers.Answered, Is.EqualTo(1));
            Assert.That(_server.Journal.GetCalls().Single().AddChatMessage!.ChatSessionId, Is.EqualTo(7));
        });
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public async Task WireMocks_Request_Log_Lists_The_Engines_Calls_Whether_Answered_Directly_Or_Not(bool directAnswers, int answeredDirectly)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, DirectAnswers = directAnswers, WireMockLogCapacity = 10 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        var status = await PostCallAsync(client, """{"ChatSessionId": 1}""");
        var (_, log) = await GetAsync(client, "/__admin/requests");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(server.DirectAnswers.Answered, Is.EqualTo(answeredDirectly));
            Assert.That(log.EnumerateArray().Count(e => e.GetProperty("Request").GetProperty("Path").GetString() == CallPath), Is.EqualTo(1), "the log is the journal's");
            Assert.That(server.Journal.TotalRecorded, Is.EqualTo(1), "the journal has it either way");
        });
    }

    [TestCase("POST", CallPath, """{"ChatSessionId": 403, "Message": null}""", "fr")]
    [TestCase("POST", CallPath, """{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Hei"}}""", null)]
    [TestCase("POST", CallPath, """{"ChatSessionId": "abc", "Message": {"Type": "Outgoing"}}""", null)]
    [TestCase("POST", CallPath + "?$select=Message,WhenPosted", """{"ChatSessionId": 403}""", null)]
    [TestCase("PUT", CallPath, """{"ChatSessionId": 403}""", null)]
    [TestCase("GET", CallPath, null, null)]
    [TestCase("GET", "/elsewhere", null, null)]
    public async Task Direct_Answers_Are_Those_WireMock_Would_Have_Given(string method, string url, string? body, string? language)
    {
        // Arrange: two servers alike, but for the second one's WireMock.Net server being handed out
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));
        using var direct = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 5, CorsOrigins = ["http://app.test"] }, timeProvider: clock);
        using var throughWireMock = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 5, CorsOrigins = ["http://app.test"] }, timeProvider: clock);
        _ = throughWireMock.WireMock;

        // Act
        var (directStatus, directHeaders, directBody) = await SendAsync(direct, method, url, body, language);
        var (wireMockStatus, wireMockHeaders, wireMockBody) = await SendAsync(throughWireMock, method, url, body, language);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(direct.DirectAnswers.Answered, Is.EqualTo(1));
            Assert.That(throughWireMock.DirectAnswers.Answered, Is.Zero);
            Assert.That(directStatus, Is.EqualTo(wireMockStatus));
            Assert.That(directHeaders, Is.EqualTo(wireMockHeaders));
            Assert.That(directBody, Is.EqualTo(wireMockBody));
        });
    }

    /// <summary>Sends one request; returns the status, the headers that are not about the transport, and the body.</summary>
    private static async Task<(int Status, string[] Headers, string Body)> SendAsync(ChatMockServer server, string method, string url, string? body, string? language)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        request.Headers.Add("Origin", "http://app.test");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        string[] transport = ["Date", "Server", "Transfer-Encoding", "Content-Length"];
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !transport.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return ((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}
