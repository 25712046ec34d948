using System.Net;
using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatMock.Server.Tests;

/// <summary>The WireMock.Net side of the standalone server: admin endpoints and user mappings over the engine.</summary>
public sealed class ChatMockServerTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _client = new HttpClient { BaseAddress = _server.Url };
        _client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCase("/__admin/health")]
    [TestCase("/__admin/mappings")]
    [TestCase("/__admin/requests")]
    [TestCase("/__admin/settings")]
    [TestCase("/__admin/scenarios")]
    [TestCase("/__admin/mappings/swagger")]
    [TestCase("/__admin/mappings/code")]
    public async Task WireMock_Admin_Endpoint_Answers_200(string path)
    {
        // Act
        using var response = await _client.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task WireMock_Mappings_List_The_Engine_Catch_All()
    {
        // Act
        var mappings = await _client.GetStringAsync("/__admin/mappings");

        // Assert
        Assert.That(mappings, Does.Contain(ChatMockServer.EngineMappingGuid.ToString()).And.Contain("ChatMock engine"));
    }

    [Test]
    public async Task User_Mapping_Takes_Precedence_Over_The_Engine()
    {
        // Arrange
        _server.WireMock
            .Given(Request.Create().WithPath("/api/v1/Agents/Chat/AddChatMessage").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("maintenance"));

        // Act
        using var response = await _client.PostAsync("/api/v1/Agents/Chat/AddChatMessage", new StringContent("""{"ChatSessionId": 1}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("maintenance"));
            Assert.That(_server.Journal.GetCalls().Single().Operation, Is.EqualTo("WireMockMapping"), "the engine did not answer the call; the journal still shows it");
        });
    }

    [Test]
    public async Task Mapping_Posted_To_Admin_Api_Takes_Precedence_Over_The_Engine()
    {
        // Arrange
        const string mapping = """
            {"Request": {"Path": "/api/v1/Agents/Chat/AddChatMessage", "Methods": ["POST"]},
             "Response": {"StatusCode": 500, "BodyAsJson": {"Error": true, "ErrorType": "SoException", "ErrorMessage": "boom", "ErrorSource": "test"}}}
            """;
        using var posted = await _client.PostAsync("/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"));

        // Act
        using var response = await _client.PostAsync("/api/v1/Agents/Chat/AddChatMessage", new StringContent("""{"ChatSessionId": 1}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(posted.IsSuccessStatusCode, Is.True);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        });
    }
}
