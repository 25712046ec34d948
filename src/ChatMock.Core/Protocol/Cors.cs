namespace ChatMock.Protocol;

/// <summary>
/// CORS for browser apps: the configured origins (default any) may call with the methods and the request headers
/// of the WebAPI (<c>Authorization</c>, <c>Content-Type</c>, <c>X-XSRF-TOKEN</c>, the <c>SO-*</c> headers) and
/// credentials. The origin is always echoed, never <c>*</c>, since browsers refuse <c>*</c> with credentials.
/// </summary>
internal sealed class Cors(IReadOnlyList<string> allowedOrigins)
{
    public const string AllowedMethods = "GET, POST, OPTIONS";

    public const string AllowedHeaders = "Authorization, Content-Type, Accept, Accept-Language, X-XSRF-TOKEN, SO-Language, SO-Culture, SO-TimeZone, SO-AppToken, Prefer";

    public const string ExposedHeaders = "WWW-Authenticate, Allow, Retry-After";

    private readonly bool _anyOrigin = allowedOrigins.Contains("*");

    public bool IsAllowed(string origin) =>
        _anyOrigin || allowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>The headers every answer to an allowed origin carries.</summary>
    public static List<KeyValuePair<string, string>> ResponseHeaders(string origin) =>
    [
        new("Access-Control-Allow-Origin", origin),
        new("Access-Control-Allow-Credentials", "true"),
        new("Access-Control-Expose-Headers", ExposedHeaders),
        new("Vary", "Origin"),
    ];

    /// <summary>The headers of the answer to a preflight request from an allowed origin.</summary>
    public static List<KeyValuePair<string, string>> PreflightHeaders(string origin) =>
    [
        .. ResponseHeaders(origin),
        new("Access-Control-Allow-Methods", AllowedMethods),
        new("Access-Control-Allow-Headers", AllowedHeaders),
        new("Access-Control-Max-Age", "600"),
    ];
}
