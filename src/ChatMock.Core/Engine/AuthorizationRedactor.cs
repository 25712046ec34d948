using System.Buffers;
using System.Text;

namespace ChatMock.Engine;

/// <summary>Keeps the scheme and user name of an <c>Authorization</c> value and hides its secret (DESIGN.md D6).</summary>
internal static class AuthorizationRedactor
{
    /// <summary>What stands for a secret.</summary>
    public const string Hidden = "***";

    /// <summary>Returns the value with its secret hidden: <c>Basic user:***</c>, <c>Bearer ***</c>, or <c>***</c>.</summary>
    public static string Redact(string value)
    {
        if (!Protocol.AuthorizationHeader.TrySplit(value, out var scheme, out var credentials) || credentials.Length == 0)
        {
            return Hidden;
        }

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
        var decoded = DecodeBasic(credentials);
        var colon = decoded?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon < 0 ? null : decoded![..colon];
    }

    /// <summary>Decodes the base64 of Basic credentials as UTF-8, or returns null when it is not valid.</summary>
    /// <remarks>Credentials of any length a header can carry are read: small ones on the stack, long ones in a rented buffer.</remarks>
    public static string? DecodeBasic(ReadOnlySpan<char> credentials)
    {
        byte[]? rented = null;
        var bytes = credentials.Length <= 1024 ? stackalloc byte[credentials.Length] : (rented = ArrayPool<byte>.Shared.Rent(credentials.Length));
        try
        {
            if (!Convert.TryFromBase64Chars(credentials, bytes, out var written))
            {
                return null;
            }

            return StrictUtf8.GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
}
