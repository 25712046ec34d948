namespace ChatMock.Server.Admin;

/// <summary>
/// Where the admin endpoints live. ChatMock's own sit under WireMock's admin prefix, <c>/__admin/chatmock</c>, so
/// that one prefix holds every admin endpoint: one rule for the admin token, one path to keep away from a proxy,
/// and no clash with any SuperOffice path the engine serves.
/// </summary>
internal static class AdminPaths
{
    public const string Admin = "/__admin";
    public const string ChatMock = "/__admin/chatmock";
    public const string Health = "/__admin/health";
    public const string Mappings = "/__admin/mappings";
    public const string Requests = "/__admin/requests";
    public const string RequestsReset = "/__admin/requests/reset";
    public const string RequestsCount = "/__admin/requests/count";
    public const string RequestsUnmatched = "/__admin/requests/unmatched";
    public const string Reset = "/__admin/reset";
    public const string Settings = "/__admin/settings";
    public const string Files = "/__admin/files";
}
