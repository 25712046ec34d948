using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatMock.Server.Tests.Support;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// The admin token cannot be got round by writing the admin path another way: every spelling that decodes or
/// normalises to <c>/__admin</c> is either the admin path (and needs the token) or refused, with and without a
/// compressed body, and WireMock.Net's admin interface is never reached past the token.
/// </summary>
public sealed class AdminPathTests
{
    private const string Token = "s3cret";

    private ChatMockServer _server = null!;

    public static IEnumerable<string> Tricks() =>
    [
        "/__admin%2Fmappings",
        "/__admin%2fmappings",
        "/%255F%255Fadmin/mappings",
        "/%255F%255Fadmin%252Fmappings",
        "/%5F%5Fadmin/mappings",
        "//__admin/mappings",
        "/./__admin/mappings",
        "/x/../__admin/mappings",
        "/__admin/./mappings",
        "/__admin;x/mappings",
        "/__admin/mappings;x",
        "/__admin%00/mappings",
        "/__admin%2500/mappings",
        "/__admin\\mappings",
        "\\__admin\\mappings",
        "/__ADMIN/mappings",
        "/__Admin/Mappings",
        "/__admin%2e/mappings",
        "http://localhost/__admin/mappings",
        "http://localhost/__admin%2Fmappings",
        "http://localhost//__admin/mappings",
    ];

    [SetUp]
    public void SetUp() => _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, AdminToken = Token });

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    public void Tricks_Cover_Every_Spelling_The_Issue_Names() =>
        Assert.That(Tricks(), Has.Some.Contains("%2F").And.Some.Contains("%2f").And.Some.Contains("%255F").And.Some.Contains("//")
            .And.Some.Contains("/./").And.Some.Contains("/../").And.Some.Contains(";").And.Some.Contains("%00").And.Some.Contains("\\")
            .And.Some.Contains("__ADMIN").And.Some.StartsWith("http://"));

    [TestCaseSource(nameof(Tricks))]
    public async Task Admin_Path_Written_Another_Way_Never_Passes_The_Token(string target)
    {
        foreach (var compressed in new[] { false, true })
        {
            foreach (var method in new[] { "GET", "POST", "DELETE" })
            {
                // Arrange
                var headers = compressed ? new[] { "Content-Encoding: gzip", "Content-Type: application/json" } : [];
                var body = compressed ? Gzip("{}") : null;

                // Act
                var answer = await RawHttp.SendAsync(_server.Port, $"{method} {target} HTTP/1.1", headers, body);

                // Assert: refused (400), taken as the admin path it is (401 without the token), or, where it decodes
                // to no admin path at all, the engine's 404; never WireMock's admin.
                Assert.That(answer.Status, Is.AnyOf(400, 401, 404), $"{method} {target} (compressed: {compressed}): {answer.Body}");
                Assert.That(answer.Body, Does.Not.Contain(ChatMockServer.EngineMappingGuid.ToString()));
                if (answer.Status == 404)
                {
                    Assert.That(answer.Body, Does.Contain("SoNotFoundException").And.Contain("ChatMock serves"), $"{method} {target}");
                }
            }
        }

        Assert.That(await CallAsync(), Is.EqualTo(200), "the engine's mapping is still there");
    }

    [Test]
    public async Task Deleting_The_Engine_Mapping_Through_An_Encoded_Path_Is_Refused()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, $"DELETE /__admin%2Fmappings%2F{ChatMockServer.EngineMappingGuid} HTTP/1.1");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo(400));
            Assert.That(await CallAsync(), Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Plain_Admin_Path_With_The_Token_Reaches_WireMocks_Admin()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "GET /__admin/mappings HTTP/1.1", [$"Authorization: Bearer {Token}"]);
        var cased = await RawHttp.SendAsync(_server.Port, "GET /__ADMIN/mappings HTTP/1.1", [$"Authorization: Bearer {Token}"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(answer.Body, Does.Contain(ChatMockServer.EngineMappingGuid.ToString()));
            Assert.That(cased.Status, Is.EqualTo(200), "the admin path is matched case-insensitively, as the token check does");
        });
    }

    [Test]
    public async Task WireMocks_Own_Admin_Path_Is_Not_Reachable_From_Outside()
    {
        // Act: the literal WireMock.Net default and anything below it are ordinary (engine) paths.
        var answer = await RawHttp.SendAsync(_server.Port, "GET /__wiremock/mappings HTTP/1.1");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(404));
            Assert.That(answer.Body, Does.Contain("SoNotFoundException"));
        });
    }

    [Test]
    public async Task Preflight_Of_An_Encoded_Admin_Path_Gets_No_Cors_Answer()
    {
        // Act
        var answer = await RawHttp.SendAsync(_server.Port, "OPTIONS /__admin%2Fmappings HTTP/1.1",
            ["Origin: http://evil.example", "Access-Control-Request-Method: DELETE"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400));
            Assert.That(answer.Headers.ContainsKey("Access-Control-Allow-Origin"), Is.False);
        });
    }

    private async Task<int> CallAsync()
    {
        using var client = new HttpClient { BaseAddress = _server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = new StringContent("""{"ChatSessionId": 1}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    internal static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
