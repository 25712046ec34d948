namespace ChatMock;

/// <summary>How ChatMock checks the credentials of a call.</summary>
public enum ChatMockAuthentication
{
    /// <summary>
    /// Any well-formed credentials are accepted: <c>Basic</c> with base64 of <c>user:password</c>, <c>SoTicket</c> or
    /// <c>Bearer</c> with a value, or an <c>X-XSRF-TOKEN</c> header. Missing or malformed ones get 401.
    /// </summary>
    AnyCredentials,

    /// <summary>
    /// Only the configured credentials are accepted: the users and passwords of <see cref="ChatMockOptions.Users"/>,
    /// the tickets of <see cref="ChatMockOptions.Tickets"/>, the tokens of <see cref="ChatMockOptions.BearerTokens"/>.
    /// </summary>
    Configured,

    /// <summary>No credentials are needed.</summary>
    Off,
}
