using System.Text;
using System.Text.Json;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Chat;

/// <summary>Requests to the chat operations, as a front end sends them.</summary>
internal static class ChatCall
{
    public static ChatMockRequest Agent(string method, string? body = null, string query = "", params KeyValuePair<string, string>[] headers) =>
        Http("POST", "/api/v1/Agents/Chat/" + method + query, body, headers);

    public static ChatMockRequest Http(string verb, string pathAndQuery, string? body = null, params KeyValuePair<string, string>[] headers)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return new ChatMockRequest
        {
            Method = verb,
            Path = question < 0 ? pathAndQuery : pathAndQuery[..question],
            QueryString = question < 0 ? string.Empty : pathAndQuery[question..],
            Headers = [.. body is null ? [] : new[] { new KeyValuePair<string, string>("Content-Type", "application/json") }, EngineRequests.SampleAuthorization, .. headers],
            Body = body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
        };
    }

    public static JsonElement Json(this ChatMockResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();
}
