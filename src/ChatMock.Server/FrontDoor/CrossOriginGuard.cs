using ChatMock.Engine;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.FrontDoor;

/// <summary>
/// Keeps web pages of other origins from changing anything under <c>/__admin</c> (DESIGN.md D11): a browser names
/// the page that sent a request in <c>Origin</c> (and <c>Sec-Fetch-Site</c>), and a simple cross-site POST needs no
/// preflight, so without this check any page the developer opens could reset mappings or the journal of a server
/// with no admin token. Every method but GET and HEAD is refused from another origin, preflights included.
/// Clients outside a browser (curl, WireMock's clients, tests) send neither header and are not affected.
/// </summary>
internal sealed class CrossOriginGuard(IReadOnlyCollection<string> adminOrigins)
{
    private readonly HashSet<string> _allowed = new(adminOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns null when the request may reach the admin surface, or the sentence that says why it may not.</summary>
    public string? Refusal(HttpRequest request)
    {
        // A GET or HEAD changes nothing, and without CORS headers another origin's page cannot read the answer; a
        // developer who follows a link to the live page from elsewhere still gets it.
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var headers = request.Headers;
        var origin = headers.Origin.Count > 0 ? headers.Origin[^1] : null;
        if (!string.IsNullOrEmpty(origin))
        {
            if (_allowed.Contains(origin) || IsSameOrigin(origin, request))
            {
                return null;
            }

            return $"The admin API refuses requests from web pages of other origins ('{Echo.Of(origin, 100)}'); add the origin to the AdminOrigins setting to allow it.";
        }

        // A browser that sends no Origin (a navigation, an old browser) still says where the request came from.
        var site = headers["Sec-Fetch-Site"];
        if (site.Count > 0 && (string.Equals(site[^1], "cross-site", StringComparison.OrdinalIgnoreCase)
            || string.Equals(site[^1], "same-site", StringComparison.OrdinalIgnoreCase)))
        {
            return "The admin API refuses requests that a browser marks as cross-site (Sec-Fetch-Site).";
        }

        return null;
    }

    /// <summary>Whether <paramref name="origin"/> is the origin the request was sent to (scheme, host and port).</summary>
    private static bool IsSameOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (!string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = HostString.FromUriComponent(uri);
        var sentTo = request.Host;
        return string.Equals(host.Host, sentTo.Host, StringComparison.OrdinalIgnoreCase)
            && (host.Port ?? DefaultPort(uri.Scheme)) == (sentTo.Port ?? DefaultPort(request.Scheme));
    }

    private static int DefaultPort(string scheme) => string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;

}
