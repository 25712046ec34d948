using System.Text.Json;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Tests.Admin;

/// <summary>The rule that picks WireMock's or WireMock.Net's shapes for an admin answer (docs/wiremock-clients.md).</summary>
public sealed class AdminDialectTests
{
    [TestCase(null, null, "WireMockNet")]
    [TestCase("RestEase/1.4.3", null, "WireMockNet")]
    [TestCase("WireMock.Net admin", null, "WireMockNet")]
    [TestCase("Apache-HttpClient/5.4.4 (Java/17.0.15)", null, "WireMock")]
    [TestCase("node", null, "WireMock")]
    [TestCase("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", null, "WireMock")]
    [TestCase("curl/8.5.0", null, "WireMock")]
    [TestCase("curl/8.5.0", "wiremock.net", "WireMockNet")]
    [TestCase(null, "wiremock", "WireMock")]
    [TestCase(null, " WireMock.Net ", "WireMockNet")]
    public void Of_Request_Without_A_Body_Goes_By_The_Header_Then_The_User_Agent(string? userAgent, string? dialect, string expected)
    {
        // Arrange
        var request = Request(userAgent, dialect);

        // Act
        var actual = AdminDialects.Of(request);

        // Assert
        Assert.That(actual.ToString(), Is.EqualTo(expected));
    }

    [TestCase("""{"url": "/x", "method": "GET"}""", null, null, "WireMock")]
    [TestCase("""{"ClientIP": null, "Path": "/x", "Methods": ["GET"]}""", "curl/8.5.0", null, "WireMockNet")]
    [TestCase("""{"request": {}, "response": {}}""", null, null, "WireMock")]
    [TestCase("""[{"Request": {}, "Response": {}}]""", "node", null, "WireMockNet")]
    [TestCase("""{}""", "node", null, "WireMock")]
    [TestCase("""{}""", null, null, "WireMockNet")]
    [TestCase("""{"url": "/x"}""", null, "wiremock.net", "WireMockNet")]
    public void Of_Request_With_A_Body_Goes_By_Its_Keys_Unless_The_Header_Says(string body, string? userAgent, string? dialect, string expected)
    {
        // Arrange
        var request = Request(userAgent, dialect);
        using var document = JsonDocument.Parse(body);

        // Act
        var actual = AdminDialects.Of(request, document.RootElement);

        // Assert
        Assert.That(actual.ToString(), Is.EqualTo(expected));
    }

    private static HttpRequest Request(string? userAgent, string? dialect)
    {
        var context = new DefaultHttpContext();
        if (userAgent is not null)
        {
            context.Request.Headers.UserAgent = userAgent;
        }

        if (dialect is not null)
        {
            context.Request.Headers[AdminDialects.HeaderName] = dialect;
        }

        return context.Request;
    }
}
