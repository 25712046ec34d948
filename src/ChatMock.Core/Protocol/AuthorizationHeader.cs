using System.Net.Http.Headers;

namespace ChatMock.Protocol;

/// <summary>
/// Splits an <c>Authorization</c> value into its scheme and credentials with
/// <see cref="AuthenticationHeaderValue"/>: the one place the scheme is read, for the check, the description of
/// the caller and the redacted copy in the journal.
/// </summary>
internal static class AuthorizationHeader
{
    /// <summary>Returns false when the value is no <c>scheme [credentials]</c>; credentials are empty when absent.</summary>
    public static bool TrySplit(string value, out string scheme, out string credentials)
    {
        if (AuthenticationHeaderValue.TryParse(value, out var parsed))
        {
            (scheme, credentials) = (parsed.Scheme, parsed.Parameter?.Trim() ?? string.Empty);
            return true;
        }

        scheme = credentials = string.Empty;
        return false;
    }
}
