using System.Text;

namespace ChatMock.Engine;

/// <summary>Keeps the scheme and user name of an <c>Authorization</c> value and hides its secret (DESIGN.md D6).</summary>
internal static class AuthorizationRedactor
{
    private const string Hidden = "***";

    public static string Redact(string value)
    {
        var trimmed = value.AsSpan().Trim();
        var space = trimmed.IndexOf(' ');
        if (space < 0)
        {
            return Hidden;
        }

        var scheme = trimmed[..space].ToString();
        var credentials = trimmed[(space + 1)..].Trim();
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return scheme + " " + Hidden;
        }

        var user = BasicUserName(credentials);
        return user is null ? scheme + " " + Hidden : $"{scheme} {user}:{Hidden}";
    }

    /// <summary>Returns the user name of Basic credentials, or null when they are not base64 of <c>user:password</c>.</summary>
    public static string? BasicUserName(ReadOnlySpan<char> credentials)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(credentials.Length, 1024)];
        if (credentials.Length > 1024 || !Convert.TryFromBase64Chars(credentials, bytes, out var written))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : decoded[..colon];
    }
}
