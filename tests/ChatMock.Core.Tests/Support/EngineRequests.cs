using System.Text;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Support;

/// <summary>Builds engine requests for the AddChatMessage call.</summary>
internal static class EngineRequests
{
    public static ChatMockRequest AddChatMessage(string body, string contentType = "application/json", params KeyValuePair<string, string>[] headers) =>
        AddChatMessage(Encoding.UTF8.GetBytes(body), contentType, headers);

    public static ChatMockRequest AddChatMessage(byte[] body, string? contentType = "application/json", params KeyValuePair<string, string>[] headers) => new()
    {
        Method = "POST",
        Path = ChatMockRoutes.AddChatMessage,
        Headers = contentType is null ? headers : [new("Content-Type", contentType), .. headers],
        Body = body,
    };

    public static string BodyText(this ChatMockResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
