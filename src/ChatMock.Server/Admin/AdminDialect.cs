using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// Which client's shapes an admin answer takes where WireMock (Java, JavaScript) and WireMock.Net (its .NET admin
/// interface) disagree at one path (DESIGN.md D11). The rule, in order:
/// <list type="number">
/// <item>the header <c>X-ChatMock-Dialect: wiremock</c> or <c>wiremock.net</c> decides, when sent;</item>
/// <item>a JSON body decides by its keys: WireMock's are camelCase (<c>url</c>, <c>method</c>, <c>request</c>),
/// WireMock.Net's PascalCase (<c>Path</c>, <c>Methods</c>, <c>Request</c>);</item>
/// <item>otherwise (a GET, an empty body, <c>{}</c>) the <c>User-Agent</c> decides: none, or one naming RestEase or
/// WireMock.Net, is WireMock.Net's (.NET's <c>HttpClient</c>, which its admin interface runs on, sends none by
/// default); any other (the Java client's Apache HttpClient, Node's fetch, axios, curl, a browser) is WireMock's.</item>
/// </list>
/// </summary>
internal enum AdminDialect
{
    /// <summary>WireMock's own admin API, as its Java and JavaScript clients speak it.</summary>
    WireMock,

    /// <summary>WireMock.Net's admin API, as its .NET admin interface (<c>IWireMockAdminApi</c>) speaks it.</summary>
    WireMockNet,
}

/// <summary>Decides the <see cref="AdminDialect"/> of an admin request.</summary>
internal static class AdminDialects
{
    public const string HeaderName = "X-ChatMock-Dialect";

    /// <summary>The dialect of a request with no body to go by.</summary>
    public static AdminDialect Of(HttpRequest request)
    {
        var asked = request.Headers[HeaderName].ToString();
        if (asked.Length > 0)
        {
            return string.Equals(asked.Trim(), "wiremock.net", StringComparison.OrdinalIgnoreCase) ? AdminDialect.WireMockNet : AdminDialect.WireMock;
        }

        var agent = request.Headers.UserAgent.ToString();
        return agent.Length == 0
            || agent.Contains("RestEase", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("WireMock.Net", StringComparison.OrdinalIgnoreCase)
            ? AdminDialect.WireMockNet
            : AdminDialect.WireMock;
    }

    /// <summary>The dialect of a request with a JSON body: its keys decide, unless the header says otherwise.</summary>
    public static AdminDialect Of(HttpRequest request, JsonElement body)
    {
        if (request.Headers[HeaderName].Count > 0)
        {
            return Of(request);
        }

        var element = body.ValueKind == JsonValueKind.Array && body.GetArrayLength() > 0 ? body[0] : body;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Length > 0 && char.IsLetter(property.Name[0]))
                {
                    return char.IsUpper(property.Name[0]) ? AdminDialect.WireMockNet : AdminDialect.WireMock;
                }
            }
        }

        return Of(request);
    }
}
