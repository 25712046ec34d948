using ChatMock.Engine;

namespace ChatMock.Server.Admin;

/// <summary>
/// What the request log shows of a header that carries a credential (DESIGN.md D6): <c>Authorization</c> keeps its
/// scheme and user name, cookies keep their names, and tokens show as <c>***</c>. Applied when a call is recorded and
/// again when the log is written, so that no credential is shown whichever way a call came in.
/// </summary>
internal static class HeaderRedaction
{
    public const string Hidden = "***";

    private static readonly string[] Secrets = ["X-XSRF-TOKEN", "Proxy-Authorization", AdminToken.HeaderName, "SO-AppToken", "X-Api-Key"];

    public static string Redact(string name, string value)
    {
        if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // Already redacted by the journal: "Basic user:***" or "Bearer ***"; anything else is redacted here.
            return value.EndsWith(Hidden, StringComparison.Ordinal) ? value : AuthorizationRedactor.Redact(value);
        }

        if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
        {
            return string.Join("; ", value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => (c.Split('=', 2)[0]) + "=" + Hidden));
        }

        return Secrets.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) ? Hidden : value;
    }
}
