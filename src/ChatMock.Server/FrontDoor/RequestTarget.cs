using ChatMock.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatMock.Server.FrontDoor;

/// <summary>What a request is for, decided once, on its fully decoded path (DESIGN.md D11).</summary>
internal enum RequestTargetKind
{
    /// <summary>The mocked API (the engine, or a user's mapping).</summary>
    Api,

    /// <summary>The admin surface under <c>/__admin</c>, sent plainly.</summary>
    Admin,

    /// <summary>A path that decodes to something other than it shows, or holds control characters: refused.</summary>
    Refused,
}

/// <summary>
/// The one decision of "is this an admin request", used by the admin token, the cross-origin guard, direct answers
/// and the routing to WireMock.Net alike. It is made on the path as every layer below could read it: percent-decoded
/// until nothing changes (so <c>%2F</c> and <c>%255F</c> decode), backslashes read as slashes, empty, <c>.</c> and
/// <c>..</c> segments and <c>;</c> parameters resolved, case ignored. A request whose decoded path is an admin path
/// must also have been sent as exactly that path; anything else that decodes to <c>/__admin</c> is refused, because
/// another reader (WireMock.Net, a proxy) may decode it differently.
/// </summary>
internal readonly record struct RequestTarget(RequestTargetKind Kind, string? Problem)
{
    private const string AdminPrefix = "/__admin";
    private const int MaxDecodingRounds = 4;

    /// <summary>Decides what <paramref name="request"/> is for.</summary>
    /// <param name="request">The request.</param>
    /// <param name="privatePrefix">A path prefix no request from outside may reach in any spelling (WireMock.Net's own admin path).</param>
    public static RequestTarget Of(HttpRequest request, string? privatePrefix = null)
    {
        // The request target as it came off the wire (absolute-form included); Kestrel's Path leaves %2F encoded.
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var sent = PathOf(string.IsNullOrEmpty(raw) ? request.PathBase.Add(request.Path).Value ?? "/" : raw);
        return Of(sent, privatePrefix);
    }

    /// <summary>Decides what a request with the path <paramref name="sentPath"/> (as sent, without its query) is for.</summary>
    /// <param name="sentPath">The path as sent.</param>
    /// <param name="privatePrefix">A path prefix no request from outside may reach in any spelling.</param>
    public static RequestTarget Of(string sentPath, string? privatePrefix = null)
    {
        // The usual request: nothing to decode or resolve, so the path is what it shows (and nothing is allocated).
        if (!NeedsDecoding(sentPath))
        {
            return privatePrefix is not null && Below(sentPath, privatePrefix) ? Private
                : IsAdminPath(sentPath) ? new(RequestTargetKind.Admin, null)
                : new(RequestTargetKind.Api, null);
        }

        var decoded = sentPath;
        for (var round = 0; round < MaxDecodingRounds && decoded.Contains('%', StringComparison.Ordinal); round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
        }

        var normalized = Normalize(decoded);
        if (privatePrefix is not null && (Below(normalized, privatePrefix) || Below(decoded, privatePrefix)))
        {
            return Private;
        }

        if (!IsAdminPath(normalized) && !IsAdminPath(decoded))
        {
            // The engine answers any other path, a control character in it included, with its 404 envelope.
            return new(RequestTargetKind.Api, null);
        }

        if (decoded.Any(char.IsControl))
        {
            return new(RequestTargetKind.Refused, "The admin path holds a control character (such as %00); ChatMock serves no such path.");
        }

        return IsPlain(sentPath)
            ? new(RequestTargetKind.Admin, null)
            : new(RequestTargetKind.Refused,
                $"The path '{Echo.Of(sentPath, 200)}' reads as the admin path '{Echo.Of(normalized, 200)}' only once decoded or normalized; send admin requests with the plain path.");
    }

    /// <summary>Whether the path holds anything that decoding or normalizing would change: %, \, ;, or an empty or dot segment.</summary>
    private static bool NeedsDecoding(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.AsSpan().IndexOfAny(SpecialCharacters) >= 0)
        {
            return true;
        }

        // "//", "/./", "/../", and a path ending in "/." or "/..".
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (path[i] == '/' && (path[i + 1] == '/' || (path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == '/'
                || (path[i + 2] == '.' && (i + 3 == path.Length || path[i + 3] == '/'))))))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> SpecialCharacters = System.Buffers.SearchValues.Create("%\\;");

    /// <summary>The path part of a request target: the query and fragment cut, and scheme and authority of an absolute-form target.</summary>
    private static string PathOf(string target)
    {
        var end = target.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? target : target[..end];
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && !path.AsSpan(0, scheme).Contains('/'))
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path[slash..];
        }

        return path.Length == 0 ? "/" : path;
    }

    /// <summary>Backslashes as slashes, <c>;</c> parameters cut, empty and dot segments resolved.</summary>
    private static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            var semicolon = part.IndexOf(';', StringComparison.Ordinal);
            var segment = semicolon < 0 ? part : part[..semicolon];
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var normalized = "/" + string.Join('/', segments);
        return path.EndsWith('/') && segments.Count > 0 ? normalized + "/" : normalized;
    }

    /// <summary>
    /// Whether an admin path was sent as itself: no segment to resolve, no backslash or parameter, and no
    /// percent-encoding of a character that would change its segments (<c>/ \ . ; %</c>); other encodings, such as a
    /// space in a scenario name, decode the same way for every reader.
    /// </summary>
    private static bool IsPlain(string sentPath)
    {
        if (!IsAdminPath(sentPath) || sentPath.Contains('\\', StringComparison.Ordinal) || sentPath.Contains(';', StringComparison.Ordinal)
            || !string.Equals(Normalize(sentPath), sentPath, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var encoded in SegmentChangingEncodings)
        {
            if (sentPath.Contains(encoded, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] SegmentChangingEncodings = ["%2f", "%5c", "%2e", "%3b", "%25"];

    private static readonly RequestTarget Private = new(RequestTargetKind.Refused, "ChatMock serves no such path.");

    private static bool Below(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    private static bool IsAdminPath(string path) =>
        path.StartsWith(AdminPrefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == AdminPrefix.Length || path[AdminPrefix.Length] == '/');

}
