using System.Globalization;
using System.Text.Json;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary>Every admin endpoint <c>contracts/openapi.json</c> documents answers, with a status code it documents.</summary>
public sealed class AdminOpenApiTests
{
    private static readonly Lazy<JsonDocument> OpenApi = new(() => JsonDocument.Parse(File.ReadAllText(FindOpenApi())));

    [TestCaseSource(nameof(DocumentedAdminOperations))]
    public async Task Documented_Admin_Operation_Answers_A_Documented_Status(string method, string path)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await PostCallAsync(client, """{"ChatSessionId": 1}""");
        var documented = OpenApi.Value.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant())
            .GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, CultureInfo.InvariantCulture)).ToList();

        // Act
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", "1", StringComparison.Ordinal));
        if (method is "POST" or "PUT")
        {
            request.Content = Json("{}");
        }

        using var response = await client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(documented, Does.Contain((int)response.StatusCode), $"{method} {path} answered {(int)response.StatusCode}");
            Assert.That((int)response.StatusCode, Is.LessThan(500));
            Assert.That(documented, Does.Contain(401));
        });
    }

    [TestCase("/__admin/chatmock/calls")]
    [TestCase("/__admin/chatmock/calls/count")]
    [TestCase("/__admin/chatmock/calls/{id}")]
    [TestCase("/__admin/chatmock/violations")]
    [TestCase("/__admin/chatmock/sessions")]
    [TestCase("/__admin/chatmock/sessions/{id}")]
    [TestCase("/__admin/chatmock/topics")]
    [TestCase("/__admin/requests")]
    public async Task Admin_Answer_Matches_The_Documented_Schema(string path)
    {
        // Arrange: a valid call and one that breaks the contract, so pages, calls and violations have content. The valid
        // call sends all nine properties: the document refers the parsed message to chat-message.schema.json, which
        // has no null for the ids, ReadByCustomer, Type, SpecialType or WhenPosted that a shorter body leaves null.
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await PostCallAsync(client, """
            {"ChatSessionId": 1, "Message": {"ChatMessageId": 0, "ChatSessionId": 1, "Type": "ToCustomer", "Message": "Hello",
             "Author": "Kari", "ReadByCustomer": 0, "SpecialType": "None", "SpecialParam": "", "WhenPosted": "2026-11-24T12:00:00Z"}}
            """);
        await PostCallAsync(client, """{"ChatSessionId": "one"}""");
        var schema = await ResponseSchemaAsync(path);

        // Act
        using var response = await client.GetAsync(path.Replace("{id}", "1", StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
            Assert.That(schema.Validate(body).Select(e => $"{e.Path}: {e.Kind}"), Is.Empty, body);
            Assert.That(schema.Validate("""{"unexpected": true}"""), Is.Not.Empty, "the documented schema accepts anything, so it checks nothing");
        });
    }

    [TestCase("PUT", "/__admin/chatmock/sessions/{id}", """{"session": {"TopicId": 1, "Status": "InQueue"}, "messages": [{"Type": "ToUser", "Message": "Hi"}, {}]}""")]
    [TestCase("DELETE", "/__admin/chatmock/sessions/{id}", null)]
    [TestCase("DELETE", "/__admin/chatmock/sessions", null)]
    [TestCase("PUT", "/__admin/chatmock/topics", """[{"ChatTopicId": 9, "Name": "Returns"}]""")]
    [TestCase("POST", "/__admin/chatmock/reset", null)]
    public async Task Admin_State_Change_Answer_Matches_The_Documented_Schema(string method, string path, string? body)
    {
        // Arrange: session 1 exists, made by a message.
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        await PostCallAsync(client, """{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "Hello"}}""");
        var schema = await ResponseSchemaAsync(path, method.ToLowerInvariant());

        // Act
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", "1", StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = Json(body);
        }

        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200), answer);
            Assert.That(schema.Validate(answer).Select(e => $"{e.Path}: {e.Kind}"), Is.Empty, answer);
            Assert.That(schema.Validate("""{"unexpected": true}"""), Is.Not.Empty, "the documented schema accepts anything, so it checks nothing");
        });
    }

    [Test]
    public async Task Admin_Seed_Example_Is_Accepted_By_The_Server_And_By_Its_Schema()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var example = OpenApi.Value.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("AdminChatSessionSeed")
            .GetProperty("examples")[0].GetRawText();
        var seedSchema = await ComponentSchemaAsync("AdminChatSessionSeed");

        // Act
        using var response = await client.PutAsync("/__admin/chatmock/sessions/5", Json(example));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(seedSchema.Validate(example), Is.Empty);
            Assert.That(seedSchema.Validate("""{"session": {}, "extra": 1}"""), Is.Not.Empty);
        });
    }

    /// <summary>A schema of the document's components, with the others as definitions so that its references resolve.</summary>
    private static async Task<NJsonSchema.JsonSchema> ComponentSchemaAsync(string name)
    {
        var components = OpenApi.Value.RootElement.GetProperty("components").GetProperty("schemas").GetRawText();
        var text = $$"""{"allOf": [{"$ref": "#/definitions/{{name}}"}], "definitions": {{components}}}"""
            .Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        return await NJsonSchema.JsonSchema.FromJsonAsync(text, FindOpenApi());
    }

    /// <summary>
    /// The schema of the documented 200 answer of <paramref name="method"/> <paramref name="path"/>, with the
    /// document's components as definitions so that its references resolve.
    /// </summary>
    private static async Task<NJsonSchema.JsonSchema> ResponseSchemaAsync(string path, string method = "get")
    {
        var root = OpenApi.Value.RootElement;
        var schema = root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText();
        var components = root.GetProperty("components").GetProperty("schemas").GetRawText();
        var text = $$"""{"allOf": [{{schema}}], "definitions": {{components}}}"""
            .Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        // The document path makes the references to the contract's own schemas (./chat-message.schema.json) resolve.
        return await NJsonSchema.JsonSchema.FromJsonAsync(text, FindOpenApi());
    }

    [Test]
    public void OpenApi_Documents_Every_Admin_Endpoint_ChatMock_Adds()
    {
        // Act
        var documented = DocumentedAdminOperations().Select(o => $"{o.Arguments[0]} {o.Arguments[1]}").ToList();

        // Assert
        Assert.That(documented, Is.EquivalentTo(new[]
        {
            "GET /__admin/chatmock/calls",
            "DELETE /__admin/chatmock/calls",
            "GET /__admin/chatmock/calls/count",
            "POST /__admin/chatmock/calls/reset",
            "GET /__admin/chatmock/calls/{id}",
            "GET /__admin/chatmock/violations",
            "GET /__admin/chatmock/sessions",
            "DELETE /__admin/chatmock/sessions",
            "GET /__admin/chatmock/sessions/{id}",
            "PUT /__admin/chatmock/sessions/{id}",
            "DELETE /__admin/chatmock/sessions/{id}",
            "GET /__admin/chatmock/topics",
            "PUT /__admin/chatmock/topics",
            "POST /__admin/chatmock/reset",
            "GET /__admin/requests",
            "DELETE /__admin/requests",
            "GET /__admin/requests/{id}",
            "DELETE /__admin/requests/{id}",
            "POST /__admin/requests/find",
            "POST /__admin/requests/remove",
            "POST /__admin/requests/reset",
            "GET /__admin/requests/unmatched/near-misses",
            "POST /__admin/near-misses/request",
            "POST /__admin/near-misses/request-pattern",
            "GET /__admin/mappings",
            "POST /__admin/mappings",
            "GET /__admin/mappings/{id}",
            "PUT /__admin/mappings/{id}",
            "POST /__admin/mappings/import",
            "POST /__admin/mappings/reset",
            "POST /__admin/mappings/reloadStaticMappings",
            "GET /__admin/scenarios",
            "POST /__admin/requests/count",
            "GET /__admin/requests/unmatched",
            "POST /__admin/reset",
        }));
    }

    private static IEnumerable<TestCaseData> DocumentedAdminOperations()
    {
        foreach (var path in OpenApi.Value.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/__admin", StringComparison.Ordinal)))
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete"))
            {
                yield return new TestCaseData(method.Name.ToUpperInvariant(), path.Name);
            }
        }
    }

    /// <summary>Finds <c>contracts/openapi.json</c> in the repository the tests were built from.</summary>
    private static string FindOpenApi()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "contracts", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("contracts/openapi.json was not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
