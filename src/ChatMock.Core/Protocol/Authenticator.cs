using ChatMock.Engine;
using Microsoft.Net.Http.Headers;

namespace ChatMock.Protocol;

/// <summary>
/// Checks the credentials of a call the way SuperOffice's WebAPI takes them: <c>Authorization</c> with the Basic,
/// SoTicket (any casing) or Bearer scheme, or, without it, an <c>X-XSRF-TOKEN</c> header.
/// </summary>
internal sealed class Authenticator
{
    public const string Challenge = "Basic realm=\"SuperOffice Username or Ticket\"";

    private readonly ChatMockOptions _options;

    // Kept for the 16 KB budget: a client sends the same Authorization on every call, and its verdict depends on
    // nothing else; decoding it costs 216 B a call (see HeaderValueCache).
    private readonly HeaderValueCache<AuthenticationResult> _verdicts = new();
    private readonly Func<string?, string?, AuthenticationResult> _checkAuthorization;

    public Authenticator(ChatMockOptions options)
    {
        _options = options;
        _checkAuthorization = (authorization, _) => CheckAuthorization(authorization!);
    }

    /// <summary>Returns the credentials of the call, or the reason they are refused.</summary>
    public AuthenticationResult Check(ChatMockRequest request)
    {
        var authorization = request.GetHeader("Authorization");
        if (authorization is null && _options.Authentication != ChatMockAuthentication.Off)
        {
            return CheckXsrf(request);
        }

        return authorization is null ? AuthenticationResult.Accepted(null) : _verdicts.GetOrAdd(authorization, null, _checkAuthorization);
    }

    private AuthenticationResult CheckAuthorization(string authorization)
    {
        if (_options.Authentication == ChatMockAuthentication.Off)
        {
            return AuthenticationResult.Accepted(Describe(authorization));
        }

        if (!AuthorizationHeader.TrySplit(authorization, out var scheme, out var secret))
        {
            return AuthenticationResult.Refused("The Authorization header is malformed: expected '<scheme> <credentials>' with the scheme Basic, SoTicket or Bearer.");
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryReadBasic(secret, out var user, out var password))
            {
                return AuthenticationResult.Refused("The Basic credentials are malformed: expected base64 of 'user:password'.");
            }

            if (_options.Authentication == ChatMockAuthentication.Configured
                && !(_options.Users.TryGetValue(user, out var expected) && string.Equals(expected, password, StringComparison.Ordinal)))
            {
                return AuthenticationResult.Refused($"The user name or password is not accepted for user '{user}'.");
            }

            return AuthenticationResult.Accepted(new Credentials(scheme, user));
        }

        var isTicket = scheme.Equals("SoTicket", StringComparison.OrdinalIgnoreCase);
        if (!isTicket && !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Refused($"The Authorization scheme '{scheme}' is not supported; use Basic, SoTicket or Bearer.");
        }

        if (secret.Length == 0)
        {
            return AuthenticationResult.Refused($"The {scheme} credentials are empty.");
        }

        if (_options.Authentication == ChatMockAuthentication.Configured
            && !(isTicket ? _options.Tickets : _options.BearerTokens).Contains(secret))
        {
            return AuthenticationResult.Refused(isTicket ? "The ticket is not accepted." : "The bearer token is not accepted.");
        }

        return AuthenticationResult.Accepted(new Credentials(scheme, null));
    }

    private AuthenticationResult CheckXsrf(ChatMockRequest request)
    {
        var token = request.GetHeader("X-XSRF-TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            return AuthenticationResult.Refused("The request has no credentials: send Authorization (Basic, SoTicket or Bearer) or X-XSRF-TOKEN.");
        }

        if (_options.RequireXsrfCookie && !string.Equals(CookieValue(request, "XSRF-TOKEN"), token, StringComparison.Ordinal))
        {
            return AuthenticationResult.Refused("The X-XSRF-TOKEN header does not match the XSRF-TOKEN cookie.");
        }

        return AuthenticationResult.Accepted(new Credentials("X-XSRF-TOKEN", null));
    }

    private static Credentials Describe(string authorization)
    {
        if (!AuthorizationHeader.TrySplit(authorization, out var scheme, out var secret))
        {
            return new Credentials(AuthorizationRedactor.Hidden, null);
        }

        var user = scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && secret.Length > 0
            ? AuthorizationRedactor.BasicUserName(secret)
            : null;
        return new Credentials(scheme, user);
    }

    private static bool TryReadBasic(ReadOnlySpan<char> credentials, out string user, out string password)
    {
        user = password = string.Empty;
        var decoded = AuthorizationRedactor.DecodeBasic(credentials);
        var colon = decoded?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (decoded is null || colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static string? CookieValue(ChatMockRequest request, string name)
    {
        foreach (var header in request.Headers)
        {
            if (!string.Equals(header.Key, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!CookieHeaderValue.TryParseList([header.Value], out var cookies))
            {
                continue;
            }

            foreach (var cookie in cookies)
            {
                if (cookie.Name.Equals(name, StringComparison.Ordinal))
                {
                    return Uri.UnescapeDataString(cookie.Value.ToString());
                }
            }
        }

        return null;
    }
}
