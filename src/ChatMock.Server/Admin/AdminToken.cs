using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// Checks the admin token (<see cref="ChatMockOptions.AdminToken"/>): sent as <c>Authorization: Bearer &lt;token&gt;</c>
/// or, for clients whose <c>Authorization</c> header is taken, as <c>X-ChatMock-Admin-Token: &lt;token&gt;</c>.
/// </summary>
internal sealed class AdminToken
{
    public const string HeaderName = "X-ChatMock-Admin-Token";
    public const string Challenge = "Bearer realm=\"ChatMock admin\"";

    private readonly byte[]? _token;

    public AdminToken(string? token)
    {
        _token = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>Gets whether a token is configured; without one, the admin endpoints are open.</summary>
    public bool IsRequired => _token is not null;

    /// <summary>Returns null when the request may pass, or the sentence that says why it may not.</summary>
    public string? Refusal(HttpRequest request)
    {
        if (_token is null)
        {
            return null;
        }

        var sent = false;
        var header = request.Headers[HeaderName];
        if (header.Count > 0)
        {
            sent = true;
            if (Matches(header[^1]))
            {
                return null;
            }
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            var value = (authorization[^1] ?? string.Empty).Trim();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                sent = true;
                if (Matches(value["Bearer ".Length..].Trim()))
                {
                    return null;
                }
            }
        }

        return sent
            ? "The admin token sent is not the one configured (ChatMock__AdminToken)."
            : $"The ChatMock admin API needs the admin token: send 'Authorization: Bearer <token>' or '{HeaderName}: <token>'.";
    }

    private bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
