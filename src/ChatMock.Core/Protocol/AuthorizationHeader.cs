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
        // The same few values arrive call after call: each is parsed once (a bounded cache, as for other headers).
        var split = Splits.GetOrAdd(value, null, static (text, _) =>
            AuthenticationHeaderValue.TryParse(text, out var parsed) ? new Split(parsed.Scheme, parsed.Parameter?.Trim() ?? string.Empty) : null);
        if (split is not null)
        {
            (scheme, credentials) = (split.Scheme, split.Credentials);
            return true;
        }

        scheme = credentials = string.Empty;
        return false;
    }

    private static readonly HeaderValueCache<Split?> Splits = new();

    private sealed record Split(string Scheme, string Credentials);
}
