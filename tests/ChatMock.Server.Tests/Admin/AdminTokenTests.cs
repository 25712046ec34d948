using System.Net.Http.Headers;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>With <c>AdminToken</c> set, every admin endpoint, ChatMock's and WireMock's, needs it; the mocked call does not.</summary>
public sealed class AdminTokenTests
{
    private const string Token = "s3cret-token";

    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = Token });
        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCase("GET", "/__admin/chatmock/calls")]
    [TestCase("GET", "/__admin/chatmock/calls/count")]
    [TestCase("DELETE", "/__admin/chatmock/calls")]
    [TestCase("GET", "/__admin/chatmock/violations")]
    [TestCase("POST", "/__admin/requests/count")]
    [TestCase("GET", "/__admin/requests/unmatched")]
    [TestCase("POST", "/__admin/reset")]
    [TestCase("GET", "/__admin/mappings")]
    [TestCase("DELETE", "/__admin/mappings")]
    [TestCase("GET", "/__admin/requests")]
    [TestCase("GET", "/__admin/settings")]
    [TestCase("GET", "/__ADMIN/MAPPINGS")]
    public async Task Admin_Endpoint_Without_The_Token_Answers_401_In_WireMocks_Error_Format(string method, string url)
    {
        // Act
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        var (_, body) = await SendAsync(_client, new HttpMethod(method), url);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(401));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"ChatMock admin\""));
            Assert.That(Error(body).Code, Is.EqualTo(401));
            Assert.That(Error(body).Title, Is.EqualTo("Admin token required"));
            Assert.That(Error(body).Detail, Is.EqualTo(
                "The ChatMock admin API needs the admin token: send 'Authorization: Bearer <token>' or 'X-ChatMock-Admin-Token: <token>'."));
            Assert.That(_server.WireMock.Mappings.Any(m => m.Guid == ChatMockServer.EngineMappingGuid), Is.True, "nothing was deleted");
        });
    }

    [Test]
    public async Task Admin_Endpoint_With_A_Wrong_Token_Answers_401()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/chatmock/calls");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(401));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The admin token sent is not the one configured (ChatMock__AdminToken)."));
        });
    }

    [Test]
    public async Task Admin_Endpoint_Accepts_The_Token_As_Bearer()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/mappings");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Admin_Endpoint_Accepts_The_Token_In_Its_Own_Header()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/chatmock/calls/count");
        request.Headers.Add("X-ChatMock-Admin-Token", Token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Health_And_The_Mocked_Call_Need_No_Token()
    {
        // Act
        using var health = await _client.GetAsync("/__admin/health");
        var call = await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)health.StatusCode, Is.EqualTo(200), "probes need no secret");
            Assert.That(call, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Without_A_Token_The_Admin_Endpoints_Are_Open()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var calls = await client.GetAsync("/__admin/chatmock/calls");
        using var mappings = await client.GetAsync("/__admin/mappings");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)calls.StatusCode, Is.EqualTo(200));
            Assert.That((int)mappings.StatusCode, Is.EqualTo(200));
        });
    }
}
