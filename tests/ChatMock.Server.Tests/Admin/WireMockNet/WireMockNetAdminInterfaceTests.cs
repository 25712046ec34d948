using System.Net;
using RestEase;
using WireMock.Admin.Mappings;
using WireMock.Admin.Requests;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin.WireMockNet;

/// <summary>
/// WireMock.Net's .NET admin interface (its RestEase client, <see cref="IWireMockAdminApi"/>) against ChatMock: the
/// request log is the journal whether or not a mapping was ever posted, and each answer parses as that client's model.
/// </summary>
public sealed class WireMockNetAdminInterfaceTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;
    private IWireMockAdminApi _admin = null!;

    [SetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _client = new HttpClient { BaseAddress = _server.Url };
        _admin = RestClient.For<IWireMockAdminApi>(_server.Url);
    }

    [TearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task GetRequestsAsync_Lists_Calls_Answered_Directly_Before_Any_Mapping_Is_Posted()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        await PostCallAsync(_client, """{"ChatSessionId": 2}""");

        // Act
        var before = await _admin.GetRequestsAsync();
        await _admin.PostMappingAsync(new MappingModel { Request = new RequestModel { Path = "/x", Methods = ["GET"] }, Response = new ResponseModel { StatusCode = 201 } });
        await PostCallAsync(_client, """{"ChatSessionId": 3}""");
        var after = await _admin.GetRequestsAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_server.DirectAnswers.Answered, Is.EqualTo(2), "the first two were answered in front of WireMock.Net");
            Assert.That(before.Select(e => e.Request!.Body), Is.EqualTo(new[] { """{"ChatSessionId": 1}""", """{"ChatSessionId": 2}""" }));
            Assert.That(after, Has.Count.EqualTo(3), "counts do not depend on whether a mapping was posted");
            Assert.That(after[0].Request!.Method, Is.EqualTo("POST"));
            Assert.That(after[0].Request!.Path, Is.EqualTo(CallPath));
            Assert.That(after[0].Request!.Headers!["Authorization"], Is.EqualTo(new[] { "Basic tje0:***" }));
            Assert.That(after[0].Response!.StatusCode?.ToString(), Is.EqualTo("200"));
            Assert.That(after[0].MappingGuid, Is.EqualTo(ChatMockServer.EngineMappingGuid));
        });
    }

    [Test]
    public async Task FindRequestsAsync_Matches_WireMockNets_Request_Model()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 403}""");
        await PostCallAsync(_client, """{"ChatSessionId": 404}""");
        using (await _client.GetAsync("/elsewhere"))
        {
        }

        // Act
        var posts = await _admin.FindRequestsAsync(new RequestModel { Path = CallPath, Methods = ["POST"] });
        var one = await _admin.FindRequestsAsync(new RequestModel
        {
            Path = new PathModel { Matchers = [new MatcherModel { Name = "WildcardMatcher", Pattern = "/api/*" }] },
            Body = new BodyModel { Matcher = new MatcherModel { Name = "JsonPartialMatcher", Pattern = new { ChatSessionId = 404 } } },
        });
        var gets = await _admin.FindRequestsAsync(new RequestModel { Methods = ["GET"] });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(posts, Has.Count.EqualTo(2));
            Assert.That(one.Single().Request!.Body, Is.EqualTo("""{"ChatSessionId": 404}"""));
            Assert.That(gets.Single().Request!.Path, Is.EqualTo("/elsewhere"));
        });
    }

    [Test]
    public async Task GetRequestAsync_And_FindRequestsByMappingGuidAsync_Find_Calls_By_Guid()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");
        var entry = (await _admin.GetRequestsAsync()).Single();

        // Act
        var byGuid = await _admin.GetRequestAsync(entry.Guid);
        var byMapping = await _admin.FindRequestsByMappingGuidAsync(ChatMockServer.EngineMappingGuid);
        var unknown = Assert.ThrowsAsync<ApiException>(() => _admin.GetRequestAsync(Guid.NewGuid()));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(byGuid.Guid, Is.EqualTo(entry.Guid));
            Assert.That(byMapping.Single().Guid, Is.EqualTo(entry.Guid));
            Assert.That(unknown!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.Content, Does.Contain("\"errors\""), "ChatMock's errors are in WireMock's error format");
        });
    }

    [Test]
    public async Task DeleteRequestsAsync_And_ResetRequestsAsync_Empty_The_Log()
    {
        // Arrange
        await PostCallAsync(_client, """{"ChatSessionId": 1}""");

        // Act
        var deleted = await _admin.DeleteRequestsAsync();
        var afterDelete = await _admin.GetRequestsAsync();
        await PostCallAsync(_client, """{"ChatSessionId": 2}""");
        var reset = await _admin.ResetRequestsAsync();
        var afterReset = await _admin.GetRequestsAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((deleted.Status, reset.Status), Is.EqualTo(("Requests deleted", "Requests deleted")));
            Assert.That(afterDelete, Is.Empty);
            Assert.That(afterReset, Is.Empty);
        });
    }

    [Test]
    public async Task Mappings_And_Scenarios_Answer_WireMockNets_Models()
    {
        // Arrange
        var guid = Guid.NewGuid();
        await _admin.PostMappingAsync(new MappingModel { Guid = guid, Request = new RequestModel { Path = "/net", Methods = ["GET"] }, Response = new ResponseModel { StatusCode = 208 } });

        // Act
        var mappings = await _admin.GetMappingsAsync();
        var mapping = await _admin.GetMappingAsync(guid);
        using var answer = await _client.GetAsync("/net");
        var scenarios = await _admin.GetScenariosAsync();
        await _admin.ResetMappingsAsync();
        var afterReset = await _admin.GetMappingsAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(mappings.Select(m => m.Guid), Does.Contain(guid).And.Contain(ChatMockServer.EngineMappingGuid));
            Assert.That(mapping.Guid, Is.EqualTo(guid));
            Assert.That((int)answer.StatusCode, Is.EqualTo(208));
            Assert.That(scenarios, Is.Empty);
            Assert.That(afterReset.Select(m => m.Guid), Is.EqualTo(new[] { ChatMockServer.EngineMappingGuid }));
        });
    }

    [Test]
    public async Task Docs_CSharp_Example_Runs()
    {
        var chatMockUrl = _server.Url;

        // docs/wiremock-clients.md: C# (keep the two alike)
        var admin = RestClient.For<IWireMockAdminApi>(chatMockUrl);
        await admin.DeleteRequestsAsync();

        // The app under test posts a chat message (here an HttpClient stands in for it).
        using var app = new HttpClient { BaseAddress = chatMockUrl };
        app.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");
        using var posted = await app.PostAsync("/api/v1/Agents/Chat/AddChatMessage",
            new StringContent("""{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}""", System.Text.Encoding.UTF8, "application/json"));

        var found = await admin.FindRequestsAsync(new RequestModel
        {
            Path = "/api/v1/Agents/Chat/AddChatMessage",
            Methods = ["POST"],
            Body = new BodyModel { Matcher = new MatcherModel { Name = "JsonPartialMatcher", Pattern = new { ChatSessionId = 403 } } },
        });
        Assert.That(found, Has.Count.EqualTo(1));
        // end of the example
    }
}
