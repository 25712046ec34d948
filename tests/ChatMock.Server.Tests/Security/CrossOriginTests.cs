using System.Net.Http.Headers;
using System.Text;
using ChatMock.Server.Tests.Support;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// A web page of another origin cannot change a token-less server's state with the simple POSTs a browser sends
/// without a preflight; the server's own pages, configured origins and clients outside a browser can.
/// </summary>
public sealed class CrossOriginTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    public static IEnumerable<TestCaseData> StateChanges()
    {
        yield return new TestCaseData("POST", "/__admin/reset");
        yield return new TestCaseData("POST", "/__admin/mappings/reset");
        yield return new TestCaseData("POST", "/__admin/chatmock/calls/reset");
        yield return new TestCaseData("DELETE", "/__admin/requests");
        yield return new TestCaseData("DELETE", "/__admin/mappings");
        yield return new TestCaseData("POST", "/__admin/mappings");
    }

    [SetUp]
    public async Task SetUp()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, AdminOrigins = ["http://dev.example:3000"] });
        _client = new HttpClient { BaseAddress = _server.Url };
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCaseSource(nameof(StateChanges))]
    public async Task Simple_Post_From_Another_Origin_Is_Refused_And_Changes_Nothing(string method, string path)
    {
        // Act: what a form or fetch(..., {mode: "no-cors"}) on another site sends.
        var answer = await RawHttp.SendAsync(_server.Port, $"{method} {path} HTTP/1.1",
            ["Origin: http://evil.example", "Content-Type: text/plain"], Encoding.UTF8.GetBytes("{}"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403), answer.Body);
            Assert.That(answer.Body, Does.Contain("AdminOrigins"));
            Assert.That(answer.Headers.ContainsKey("Access-Control-Allow-Origin"), Is.False);
            Assert.That(_server.Journal.Count, Is.EqualTo(1), "the journal is not reset");
            Assert.That(_server.OwnWireMock.Mappings.Any(m => m.Guid == ChatMockServer.EngineMappingGuid), Is.True);
        });
    }

    [Test]
    public async Task Request_Marked_Cross_Site_Without_Origin_Is_Refused()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "POST /__admin/reset HTTP/1.1", ["Sec-Fetch-Site: cross-site"], []);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(_server.Journal.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Preflight_From_Another_Origin_Is_Refused_Without_Cors_Headers()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "OPTIONS /__admin/mappings HTTP/1.1",
            ["Origin: http://evil.example", "Access-Control-Request-Method: DELETE"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Headers.Keys, Has.None.StartsWith("Access-Control-"));
        });
    }

    [Test]
    public async Task Same_Origin_Options_Is_Answered_Without_Cors_And_Not_Recorded()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "OPTIONS /__admin/mappings HTTP/1.1", [$"Origin: http://localhost:{_server.Port}"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(204));
            Assert.That(answer.Headers.Keys, Has.None.StartsWith("Access-Control-"));
            Assert.That(_server.Journal.Count, Is.EqualTo(1), "only the call made in SetUp");
        });
    }

    [TestCase("same")]
    [TestCase("http://dev.example:3000")]
    public async Task Post_From_The_Servers_Own_Origin_Or_A_Configured_One_Is_Taken(string origin)
    {
        // Arrange
        var sent = origin == "same" ? $"http://localhost:{_server.Port}" : origin;

        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "POST /__admin/chatmock/calls/reset HTTP/1.1", [$"Origin: {sent}"], []);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
            Assert.That(_server.Journal.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Client_Outside_A_Browser_Needs_No_Origin()
    {
        // Act
        using var response = await _client.PostAsync("/__admin/chatmock/calls/reset", null);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Mocked_Api_Still_Answers_Cross_Origin_Calls_With_Cors()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json("""{"ChatSessionId": 1}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        request.Headers.Add("Origin", "http://evil.example");

        // Act
        using var response = await _client.SendAsync(request);

        // Assert: the front end under development runs on some origin; the API it mocks answers it.
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("http://evil.example"));
        });
    }
}
