using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Admin;

/// <summary><c>MappingsPath</c>: WireMock mapping files loaded at start and watched, taking precedence over the engine.</summary>
public sealed class MappingsFolderTests
{
    private const string MaintenanceMapping = """
        {
          "Guid": "7d0a2c9e-0000-4000-8000-000000000001",
          "Title": "maintenance",
          "Request": { "Path": "/api/v1/Agents/Chat/AddChatMessage", "Methods": ["POST"] },
          "Response": {
            "StatusCode": 503,
            "Headers": { "Content-Type": "application/json" },
            "BodyAsJson": { "Error": true, "ErrorType": "ServiceUnavailableException", "ErrorMessage": "Down for maintenance", "ErrorSource": "mapping" }
          }
        }
        """;

    private static readonly TimeSpan WatchDeadline = TimeSpan.FromSeconds(20);

    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "chatmock-mappings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Mapping_File_In_The_Folder_Overrides_The_Engine_From_Start()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_folder, "maintenance.json"), MaintenanceMapping);
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        var status = await PostCallAsync(client, """{"ChatSessionId": 1}""");
        using var other = await client.GetAsync("/elsewhere");

        // Assert
        var call = server.Journal.GetCalls()[0];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(503));
            Assert.That((int)other.StatusCode, Is.EqualTo(404), "the engine still answers what the mapping does not take");
            Assert.That(call.Operation, Is.EqualTo("WireMockMapping"));
            Assert.That(call.Response.Body, Does.Contain("Down for maintenance"));
        });
    }

    [Test]
    public async Task Mapping_File_Added_While_Running_Takes_Effect()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };
        var before = await PostCallAsync(client, """{"ChatSessionId": 1}""");

        // Act
        await File.WriteAllTextAsync(Path.Combine(_folder, "maintenance.json"), MaintenanceMapping);
        var overridden = await EventuallyAsync(async () => await PostCallAsync(client, """{"ChatSessionId": 1}""") == 503, WatchDeadline);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(200));
            Assert.That(overridden, Is.True, "the watched folder's new mapping answered within the deadline");
        });
    }

    [Test]
    public async Task Mapping_File_Deleted_While_Running_Stops_Overriding()
    {
        // Arrange
        var file = Path.Combine(_folder, "maintenance.json");
        await File.WriteAllTextAsync(file, MaintenanceMapping);
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };
        var before = await PostCallAsync(client, """{"ChatSessionId": 1}""");

        // Act
        File.Delete(file);
        var engineAgain = await EventuallyAsync(async () => await PostCallAsync(client, """{"ChatSessionId": 1}""") == 200, WatchDeadline);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(503));
            Assert.That(engineAgain, Is.True, "the engine answered again within the deadline");
        });
    }

    [Test]
    public async Task Mapping_File_Edited_While_Running_Replaces_Its_Mapping()
    {
        // Arrange
        var file = Path.Combine(_folder, "teapot.json");
        const string Teapot = """{"Request": {"Path": "/teapot"}, "Response": {"StatusCode": 418}}""";
        await File.WriteAllTextAsync(file, Teapot);
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        await File.WriteAllTextAsync(file, Teapot.Replace("418", "410", StringComparison.Ordinal));
        var replaced = await EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync("/teapot");
            return (int)response.StatusCode == 410;
        }, WatchDeadline);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(replaced, Is.True, "the edited mapping answered within the deadline");
            Assert.That(server.WireMock.Mappings.Count(m => m.Path == file), Is.EqualTo(1), "the old mapping was removed, not kept beside the new one");
        });
    }

    [Test]
    public async Task Mappings_Reset_With_Reload_Brings_Back_The_Files_And_The_Engine()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_folder, "maintenance.json"), MaintenanceMapping);
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var reset = await client.PostAsync("/__admin/mappings/reset?reloadStaticMappings=true", null);
        var call = await PostCallAsync(client, """{"ChatSessionId": 1}""");
        using var other = await client.GetAsync("/elsewhere");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reset.IsSuccessStatusCode, Is.True);
            Assert.That(call, Is.EqualTo(503), "the file's mapping was read again from MappingsPath");
            Assert.That((int)other.StatusCode, Is.EqualTo(404), "the engine's catch-all is back");
        });
    }

    [Test]
    public void Start_With_A_Missing_Folder_Fails_Naming_It()
    {
        // Arrange
        var missing = Path.Combine(_folder, "missing");

        // Act and assert
        var ex = Assert.Throws<ChatMockOptionsException>(() => ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = missing }));
        Assert.That(ex!.Errors, Is.EqualTo(new[] { $"MappingsPath: the folder '{missing}' does not exist." }));
    }

    [Test]
    public async Task WireMock_Format_File_Is_Translated_And_Matches_Only_What_It_Says()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_folder, "hello.json"), """{"request": {"method": "GET", "urlPath": "/hello"}, "response": {"status": 200, "body": "hi"}}""");
        await File.WriteAllTextAsync(Path.Combine(_folder, "many.json"), """{"mappings": [{"request": {"urlPathPattern": "/items/[0-9]+"}, "response": {"status": 204}}]}""");
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var hello = await client.GetAsync("/hello");
        using var item = await client.GetAsync("/items/3");
        using var other = await client.GetAsync("/elsewhere");
        var call = await PostCallAsync(client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(await hello.Content.ReadAsStringAsync(), Is.EqualTo("hi"));
            Assert.That((int)item.StatusCode, Is.EqualTo(204));
            Assert.That((int)other.StatusCode, Is.EqualTo(404), "a urlPath stub does not answer everything");
            Assert.That(call, Is.EqualTo(200), "the engine still answers AddChatMessage");
        });
    }

    [Test]
    public async Task WireMock_Format_File_Copied_In_While_Running_Is_Translated()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        await File.WriteAllTextAsync(Path.Combine(_folder, "late.json"), """{"request": {"url": "/late"}, "response": {"status": 207}}""");
        var answered = await EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync("/late");
            return (int)response.StatusCode == 207;
        }, WatchDeadline);
        using var other = await client.GetAsync("/late/not");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.True);
            Assert.That((int)other.StatusCode, Is.EqualTo(404));
        });
    }
}
