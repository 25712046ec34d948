using ChatMock.Engine;

namespace ChatMock.Journal;

/// <summary>
/// What is kept of a header that carries a secret, wherever a request is kept or shown (DESIGN.md D6):
/// <c>Authorization</c> keeps its scheme and Basic user name; cookies keep their names; <c>X-XSRF-TOKEN</c>, the
/// admin token header, <c>Proxy-Authorization</c>, <c>SO-AppToken</c> and <c>X-Api-Key</c> keep nothing but the fact
/// that they were sent.
/// </summary>
internal static class HeaderRedaction
{
    public const string Hidden = "***";

    /// <summary>The header that carries ChatMock's admin token, besides <c>Authorization: Bearer</c>.</summary>
    public const string AdminTokenHeader = "X-ChatMock-Admin-Token";

    /// <summary>Whether <paramref name="name"/> is a header whose value is (partly) secret.</summary>
    /// <remarks>The names differ in length, so one comparison decides (it runs for every header of every call).</remarks>
    public static bool IsSecret(string name) => name.Length switch
    {
        6 => Is(name, "Cookie"),
        9 => Is(name, "X-Api-Key"),
        10 => Is(name, "Set-Cookie"),
        11 => Is(name, "SO-AppToken"),
        12 => Is(name, "X-XSRF-TOKEN"),
        13 => Is(name, "Authorization"),
        19 => Is(name, "Proxy-Authorization"),
        22 => Is(name, AdminTokenHeader),
        _ => false,
    };

    /// <summary>
    /// Returns what may be kept of the header <paramref name="name"/> with <paramref name="value"/>; a value redacted
    /// already comes back as it is, so that redacting where a call is recorded and again where it is shown is safe.
    /// </summary>
    public static string Redact(string name, string value)
    {
        if (!IsSecret(name))
        {
            return value;
        }

        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return value.EndsWith(Hidden, StringComparison.Ordinal) ? value : AuthorizationRedactor.Redact(value);
        }

        if (name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return Protocol.AuthorizationHeader.TrySplit(value, out var scheme, out var credentials) && credentials.Length > 0
                ? scheme + " " + Hidden
                : Hidden;
        }

        if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            // name=value; name2=value2 -> name=***; name2=***
            return string.Join("; ", value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CookieName));
        }

        if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
        {
            // name=value; Path=/; HttpOnly -> name=***; Path=/; HttpOnly
            var parts = value.Split(';', 2);
            return parts.Length == 1 ? CookieName(parts[0].Trim()) : CookieName(parts[0].Trim()) + ";" + parts[1];
        }

        return Hidden;
    }

    private static bool Is(string name, string secret) => name.Equals(secret, StringComparison.OrdinalIgnoreCase);

    private static string CookieName(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return (equals < 0 ? pair : pair[..equals]) + "=" + Hidden;
    }
}
