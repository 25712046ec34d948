using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// A posted mapping or setting cannot turn the mock into a file server or a proxy unless the operator allows it,
/// and even then files are read only inside the mappings folder.
/// </summary>
public sealed class MappingSafetyTests
{
    private string _folder = null!;

    public static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData("/__admin/mappings", """{"Request": {"Path": "/f"}, "Response": {"BodyAsFile": "/etc/passwd"}}""").SetName("BodyAsFile_Absolute");
        yield return new TestCaseData("/__admin/mappings", """{"Request": {"Path": "/f"}, "Response": {"BodyAsFile": "../../../../etc/passwd"}}""").SetName("BodyAsFile_Relative");
        yield return new TestCaseData("/__admin/mappings", """{"request": {"path": "/f"}, "response": {"bodyasfile": "/etc/passwd"}}""").SetName("BodyAsFile_Lower_Case");
        yield return new TestCaseData("/__admin/mappings", """[{"Request": {"Path": "/f"}, "Response": {"StatusCode": 200}}, {"Request": {"Path": "/g"}, "Response": {"BodyAsFile": "/etc/hostname"}}]""").SetName("BodyAsFile_In_A_List");
        yield return new TestCaseData("/__admin/mappings", """{"Request": {"Path": "/p"}, "Response": {"ProxyUrl": "http://127.0.0.1:9"}}""").SetName("ProxyUrl");
        yield return new TestCaseData("/__admin/mappings", """{Request: {Path: '/p'}, Response: {proxyUrl: 'http://127.0.0.1:9'}}""").SetName("ProxyUrl_In_Lenient_Json");
        yield return new TestCaseData("/__admin/mappings", """{"Request": {"Path": "/w"}, "Response": {"StatusCode": 200}, "Webhook": {"Request": {"Url": "http://127.0.0.1:9", "Method": "post"}}}""").SetName("Webhook");
        yield return new TestCaseData("/__admin/mappings/wiremock.org", """{"request": {"url": "/p"}, "response": {"proxyBaseUrl": "http://127.0.0.1:9"}}""").SetName("WireMock_Org_Proxy");
        yield return new TestCaseData("/__admin/mappings/wiremock.org", """{"request": {"url": "/f"}, "response": {"bodyFileName": "/etc/passwd"}}""").SetName("WireMock_Org_Body_File");
        yield return new TestCaseData("/__admin/settings", """{"ProxyAndRecordSettings": {"Url": "http://127.0.0.1:9"}}""").SetName("Settings_Proxy_And_Record");
        yield return new TestCaseData("/__admin/settings", """{"DisableRequestBodyDecompressing": false}""").SetName("Settings_Decompression");
        yield return new TestCaseData("/__admin/settings", """{"SaveUnmatchedRequests": true}""").SetName("Settings_Save_Unmatched");
    }

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("chatmock-mappings-").FullName;
        File.WriteAllText(Path.Combine(_folder, "hello.txt"), "hello from the mappings folder");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCaseSource(nameof(Refused))]
    public async Task Mapping_That_Reads_Files_Or_Proxies_Is_Refused_By_Default(string path, string json)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        var before = server.OwnWireMock.Mappings.Count;

        // Act
        using var response = await client.PostAsync(path, Json(json));
        var text = await response.Content.ReadAsStringAsync();
        using var served = await client.GetAsync("/f");

        // Assert
        Assert.Multiple(async () =>
        {
            // Refused by the inspection (403, naming the setting), or earlier as a WireMock stub ChatMock does not take.
            Assert.That((int)response.StatusCode, Is.AnyOf(400, 403, 422), text);
            if ((int)response.StatusCode == 403)
            {
                Assert.That(text, Does.Contain("AllowMapping").Or.Contain("cannot be changed"));
            }

            Assert.That(server.OwnWireMock.Mappings.Count, Is.EqualTo(before), "nothing was stored");
            Assert.That(await served.Content.ReadAsStringAsync(), Does.Not.Contain("root:"));
        });
    }

    [Test]
    public async Task File_Endpoints_Are_Refused_By_Default()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.PostAsync("/__admin/files/x.txt", Json("hi"));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Setting_That_Changes_Nothing_Dangerous_Is_Taken()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.PutAsync("/__admin/settings", Json("""{"GlobalProcessingDelay": 0}"""));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task With_Mapping_Files_Allowed_A_File_Inside_The_Folder_Is_Served_And_One_Outside_Is_Refused()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AllowMappingFiles = true, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var inside = await client.PostAsync("/__admin/mappings", Json("""{"Request": {"Path": "/hello"}, "Response": {"BodyAsFile": "hello.txt"}}"""));
        using var outside = await client.PostAsync("/__admin/mappings", Json("""{"Request": {"Path": "/f"}, "Response": {"BodyAsFile": "../../../../etc/passwd"}}"""));
        using var hello = await client.GetAsync("/hello");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)inside.StatusCode, Is.EqualTo(201), await inside.Content.ReadAsStringAsync());
            Assert.That(await hello.Content.ReadAsStringAsync(), Is.EqualTo("hello from the mappings folder"));
            Assert.That((int)outside.StatusCode, Is.EqualTo(403));
            Assert.That(await outside.Content.ReadAsStringAsync(), Does.Contain("outside the mappings folder"));
        });
    }

    [Test]
    public async Task Mapping_File_In_The_Folder_That_Proxies_Is_Skipped()
    {
        // Arrange
        File.WriteAllText(Path.Combine(_folder, "proxy.json"), """{"Request": {"Path": "/p"}, "Response": {"ProxyUrl": "http://127.0.0.1:9"}}""");
        File.WriteAllText(Path.Combine(_folder, "plain.json"), """{"Request": {"Path": "/plain"}, "Response": {"StatusCode": 418}}""");

        // Act
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, MappingsPath = _folder });
        using var client = new HttpClient { BaseAddress = server.Url };
        using var plain = await client.GetAsync("/plain");
        using var proxied = await client.GetAsync("/p");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)plain.StatusCode, Is.EqualTo(418));
            Assert.That((int)proxied.StatusCode, Is.EqualTo(404), "the proxy mapping was not loaded; the engine answers");
        });
    }

    [Test]
    public async Task With_Proxies_Allowed_A_Proxy_Mapping_Is_Stored()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AllowMappingProxies = true });
        using var client = new HttpClient { BaseAddress = server.Url };

        // Act
        using var response = await client.PostAsync("/__admin/mappings", Json("""{"Request": {"Path": "/p"}, "Response": {"ProxyUrl": "http://127.0.0.1:9"}}"""));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
    }
}
