namespace ChatMock.Server.Admin;

/// <summary>The <c>ErrorType</c> names of the admin API's error envelopes.</summary>
internal static class AdminErrorTypes
{
    public const string Unauthorized = "AdminAuthenticationException";

    public const string Forbidden = "AdminForbiddenException";

    public const string InvalidRequest = "InvalidAdminRequestException";

    public const string NotFound = "SoNotFoundException";

    public const string MethodNotAllowed = "MethodNotAllowedException";
}
