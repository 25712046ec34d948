namespace ChatMock.Server.Admin;

/// <summary>
/// The <c>title</c>s of the admin API's errors, in WireMock's error format (<see cref="AdminHttp"/>).
/// </summary>
internal static class AdminErrorTypes
{
    public const string Unauthorized = "Admin token required";

    public const string Forbidden = "Forbidden";

    public const string InvalidRequest = "Invalid admin request";

    public const string NotFound = "Not found";

    public const string MethodNotAllowed = "Method not allowed";

    public const string Unsupported = "Not supported by ChatMock";

    public const string InvalidPattern = "Invalid request pattern";
}
