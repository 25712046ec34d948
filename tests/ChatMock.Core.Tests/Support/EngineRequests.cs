using System.Text;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Support;

/// <summary>Builds engine requests for the AddChatMessage call.</summary>
internal static class EngineRequests
{
    public static ChatMockRequest AddChatMessage(string body, string contentType = "application/json", params KeyValuePair<string, string>[] headers) =>
        AddChatMessage(Encoding.UTF8.GetBytes(body), contentType, headers);

    /// <summary>The documentation page's sample credentials (user tje0), sent unless a test gives its own.</summary>
    public static readonly KeyValuePair<string, string> SampleAuthorization = new("Authorization", "Basic dGplMDpUamUw");

    public static ChatMockRequest AddChatMessage(byte[] body, string? contentType = "application/json", params KeyValuePair<string, string>[] headers) => new()
    {
        Method = "POST",
        Path = ChatMockRoutes.AddChatMessage,
        Headers = [.. contentType is null ? [] : new[] { new KeyValuePair<string, string>("Content-Type", contentType) }, .. WithAuthorization(headers)],
        Body = body,
    };

    private static KeyValuePair<string, string>[] WithAuthorization(KeyValuePair<string, string>[] headers) =>
        headers.Any(h => h.Key is "Authorization" or "X-XSRF-TOKEN") ? headers : [SampleAuthorization, .. headers];

    public static string BodyText(this ChatMockResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
