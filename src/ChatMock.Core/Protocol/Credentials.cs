namespace ChatMock.Protocol;

/// <summary>Who a call says it is: the scheme and, for Basic, the user name. Never the secret.</summary>
/// <param name="Scheme">The scheme as sent (<c>Basic</c>, <c>SOTicket</c>, <c>Bearer</c>), or <c>X-XSRF-TOKEN</c>.</param>
/// <param name="UserName">The user name of Basic credentials; null for the other schemes.</param>
public sealed record Credentials(string Scheme, string? UserName);
