using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// The admin endpoints WireMock.Net's own admin API answers (those ChatMock does not answer itself). A request to
/// any other <c>/__admin</c> path is answered 404 (or 405) by ChatMock: passed on, it would reach no admin mapping,
/// fall to the engine's catch-all and be recorded as a call of the mocked API.
/// </summary>
internal static class WireMockNetAdminRoutes
{
    /// <summary>Returns the methods WireMock.Net answers at the path (segments after <c>/__admin</c>); empty when none.</summary>
    public static string[] Methods(string[] segments) => segments switch
    {
        ["health"] => ["GET"],
        ["settings"] => ["GET", "PUT", "POST"],
        ["mappings"] => ["GET", "POST", "DELETE"],
        ["mappings", "code"] => ["GET"],
        ["mappings", "wiremock.org"] => ["POST"],
        ["mappings", "save"] => ["POST"],
        ["mappings", "swagger"] => ["GET"],
        ["mappings", var id] when Guid.TryParse(id, out _) => ["GET", "PUT", "DELETE"],
        ["mappings", "code", var id] when Guid.TryParse(id, out _) => ["GET"],
        ["mappings", var id, "enable" or "disable"] when Guid.TryParse(id, out _) => ["PUT"],
        ["scenarios"] => ["GET", "DELETE"],
        ["scenarios", "reset"] => ["POST"],
        ["scenarios", _, "reset"] => ["POST"],
        ["scenarios", _, "state"] => ["PUT"],
        ["scenarios", _] => ["DELETE"],
        ["files", _, ..] => ["GET", "HEAD", "POST", "PUT", "DELETE"],
        ["openapi", "convert" or "save"] => ["POST"],
        ["protodefinitions", _] => ["POST"],
        _ => [],
    };

    /// <summary>Returns whether WireMock.Net answers the request.</summary>
    public static bool Answers(HttpRequest request, string[] segments) =>
        HttpMethods.IsOptions(request.Method) || Methods(segments).Any(m => string.Equals(m, request.Method, StringComparison.OrdinalIgnoreCase));
}
