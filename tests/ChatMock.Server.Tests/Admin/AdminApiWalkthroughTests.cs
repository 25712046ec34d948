using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChatMock.Server.Tests.Admin;

/// <summary>
/// The admin API driven the way a JavaScript or Java test drives a mock in a test environment: plain HTTP and JSON,
/// an admin token, a folder of mapping files, and no ChatMock types.
/// </summary>
public sealed class AdminApiWalkthroughTests
{
    private const string Token = "test-env-token";

    private const string DownMapping = """
        {
          "Title": "chat is down when the test asks for it",
          "Request": {
            "Path": "/api/v1/Agents/Chat/AddChatMessage",
            "Methods": ["POST"],
            "Headers": [{ "Name": "X-Scenario", "Matchers": [{ "Name": "ExactMatcher", "Pattern": "down" }] }]
          },
          "Response": { "StatusCode": 503, "BodyAsJson": { "Error": true, "ErrorType": "Down", "ErrorMessage": "down", "ErrorSource": "mapping" } }
        }
        """;

    private string _folder = null!;

    [SetUp]
    public void CreateMappingsFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "chatmock-walkthrough-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "down.json"), DownMapping);
    }

    [TearDown]
    public void DeleteMappingsFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Admin_Api_Serves_A_Test_Written_In_Any_Language()
    {
        // Arrange: the server as a test environment runs it, and two clients: the app under test, and the test.
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = Token, MappingsPath = _folder });
        using var app = new HttpClient { BaseAddress = server.Url };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var test = new HttpClient { BaseAddress = server.Url };
        test.DefaultRequestHeaders.Add("X-ChatMock-Admin-Token", Token);

        // Act: the app sends two good calls, a bad one, one the mapping answers, and one to a path ChatMock lacks.
        var statuses = new[]
        {
            await PostAsync(app, """{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}"""),
            await PostAsync(app, """{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Hi there"}}"""),
            await PostAsync(app, """{"ChatSessionId": 403, "Message": {"Type": "Outgoing"}}"""),
            await PostAsync(app, """{"ChatSessionId": 403}""", scenario: "down"),
        };
        using (var missing = await app.GetAsync("/api/v1/Agents/Chat/GetChatMessage"))
        {
            Assert.That((int)missing.StatusCode, Is.EqualTo(404));
        }

        // Assert: what a JavaScript or Java test would check, step by step.
        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 400, 503 }));

        using (var anonymous = new HttpClient { BaseAddress = server.Url })
        using (var refused = await anonymous.GetAsync("/__admin/chatmock/calls"))
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(401), "the admin API needs the token");
        }

        var count = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/calls/count");
        Assert.That(count.GetProperty("count").GetInt32(), Is.EqualTo(5));

        var wireMockCount = await JsonAsync(test, HttpMethod.Post, "/__admin/requests/count",
            """{"method": "POST", "url": "/api/v1/Agents/Chat/AddChatMessage", "headers": {"X-Scenario": {"absent": true}}}""");
        Assert.That(wireMockCount.GetProperty("count").GetInt32(), Is.EqualTo(3));

        var session = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/calls?chatSessionId=403&status=200&order=newest");
        var texts = session.GetProperty("calls").EnumerateArray()
            .Select(c => c.GetProperty("addChatMessage").GetProperty("Message").GetProperty("Message").GetString());
        Assert.That(texts, Is.EqualTo(new[] { "Hi there", "Hello" }));

        var second = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/calls/2");
        Assert.That(second.GetProperty("response").GetProperty("chatMessage").GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(2));

        var violations = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/violations");
        Assert.Multiple(() =>
        {
            Assert.That(violations.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(violations.GetProperty("violations")[0].GetProperty("path").GetString(), Is.EqualTo("/Message/Type"));
        });

        var overridden = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/calls?operation=WireMockMapping");
        Assert.That(overridden.GetProperty("calls")[0].GetProperty("response").GetProperty("statusCode").GetInt32(), Is.EqualTo(503));

        var unmatched = await JsonAsync(test, HttpMethod.Get, "/__admin/requests/unmatched");
        Assert.That(unmatched.GetProperty("requests")[0].GetProperty("url").GetString(), Is.EqualTo("/api/v1/Agents/Chat/GetChatMessage"));

        var reset = await JsonAsync(test, HttpMethod.Delete, "/__admin/chatmock/calls?resetIds=true");
        var afterReset = await JsonAsync(test, HttpMethod.Get, "/__admin/chatmock/calls/count");
        Assert.Multiple(() =>
        {
            Assert.That(reset.GetProperty("cleared").GetInt32(), Is.EqualTo(5));
            Assert.That(afterReset.GetProperty("count").GetInt32(), Is.Zero);
        });
    }

    private static async Task<int> PostAsync(HttpClient client, string json, string? scenario = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/Agents/Chat/AddChatMessage")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (scenario is not null)
        {
            request.Headers.Add("X-Scenario", scenario);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, HttpMethod method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
