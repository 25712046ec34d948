using System.Text;
using System.Text.Json;

namespace ChatMock.Server.Tests.Admin;

/// <summary>Bad bodies on the admin endpoints that read one: always a 4xx in WireMock's error format (or a 2xx), never a 500.</summary>
public sealed class AdminRobustnessTests
{
    private static readonly string[] Bodies =
    [
        "null", "[]", "\"x\"", "5", "{}", "not json", "{\"a\":", "{\"request\": null}", "{\"request\": {\"headers\": null}}", "{\"bodyPatterns\": null}",
        "{\"method\": 5}", "{\"url\": null}", "{\"url\": 5}", "{\"headers\": {\"a\": {\"and\": []}}}", "{\"headers\": {\"a\": {\"or\": [{}]}}}",
        "{\"bodyPatterns\": [{\"matchesJsonPath\": {\"expression\": 5}}]}", "{\"bodyPatterns\": [{\"matchesJsonPath\": \"$[?(@.a ==\"}]}",
        "{\"bodyPatterns\": [{\"matchesXPath\": {\"expression\": \"/a\", \"absent\": true}}]}", "{\"bodyPatterns\": [{\"binaryEqualTo\": \"!!\"}]}",
        "{\"bodyPatterns\": [{\"equalToJson\": \"{bad\"}]}", "{\"cookies\": {\"a\": {\"equalTo\": 5}}}", "{\"basicAuthCredentials\": 5}",
        "{\"request\": {\"url\": \"/a\"}, \"response\": {\"headers\": {\"a\": 5}}}", "{\"request\": {\"url\": \"/a\"}, \"response\": {\"base64Body\": 5}}",
        "{\"request\": {\"url\": \"/a\"}, \"priority\": \"x\"}", "{\"request\": {\"url\": \"/a\"}, \"response\": {\"status\": \"200\"}}",
        "{\"request\": {\"url\": \"/a\"}, \"response\": {\"fixedDelayMilliseconds\": 1.5}}", "{\"mappings\": 5}", "{\"mappings\": [5]}",
        "{\"url\": \"/x\", \"body\": 5}", "{\"url\": \"/x\", \"bodyAsBase64\": \"!!\"}", "{\"Path\": 5}", "{\"Path\": {\"Matchers\": [5]}}",
        "{\"Methods\": [5]}", "{\"Methods\": \"GET\"}", "{\"Headers\": [5]}", "{\"Params\": [{\"Name\": 5}]}", "{\"Body\": 5}",
        "{\"Body\": {\"Matcher\": {\"Name\": \"RegexMatcher\", \"Pattern\": \"(\"}}}", "{\"id\": 5, \"request\": {}}",
        new string('[', 5000) + new string(']', 5000),
    ];

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/__admin/requests/count"), ("POST", "/__admin/requests/find"), ("POST", "/__admin/requests/remove"),
        ("POST", "/__admin/near-misses/request"), ("POST", "/__admin/near-misses/request-pattern"), ("POST", "/__admin/mappings/import"),
        ("PUT", "/__admin/mappings/8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7"),
    ];

    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Admin_Endpoint_Answers_Bad_Body_With_A_Clear_Error_Never_A_500(string method, string path, string body)
    {
        // Arrange
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        // Act
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That((int)response.StatusCode, Is.LessThan(500), text);
        if ((int)response.StatusCode >= 400)
        {
            using var document = JsonDocument.Parse(text);
            Assert.That(AdminHttp.Error(document.RootElement).Detail, Is.Not.Empty, text);
        }
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from endpoint in Endpoints
        from body in Bodies
        select new TestCaseData(endpoint.Method, endpoint.Path, body).SetArgDisplayNames(endpoint.Method, endpoint.Path, body.Length > 40 ? body[..40] + "..." : body);
}
