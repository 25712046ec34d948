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
    public static bool IsSecret(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-XSRF-TOKEN", StringComparison.OrdinalIgnoreCase)
        || name.Equals(AdminTokenHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals("SO-AppToken", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase);

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

    private static string CookieName(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return (equals < 0 ? pair : pair[..equals]) + "=" + Hidden;
    }
}
