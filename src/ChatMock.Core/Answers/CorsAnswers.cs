using ChatMock.Engine;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Answers;

/// <summary>OPTIONS answers (CORS preflight, or <c>Allow</c>) and the CORS headers of every other answer.</summary>
internal sealed class CorsAnswers(Cors cors, IReadOnlyList<string> corsOrigins, string served)
{
    private const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>The answer to an OPTIONS request on <paramref name="path"/> (null when no operation is served there).</summary>
    public ChatMockResponse Options(ChatMockRequest request, OperationPath? path)
    {
        var origin = request.GetHeader("Origin");
        if (origin is not null && request.GetHeader("Access-Control-Request-Method") is not null)
        {
            return cors.IsAllowed(origin)
                ? new ChatMockResponse { StatusCode = 204, ContentType = TextContentType, Body = ReadOnlyMemory<byte>.Empty, Headers = Cors.PreflightHeaders(origin) }
                : ErrorAnswers.Error(ResponseFormat.Json, 403, ErrorTypes.Forbidden, $"The origin '{origin}' may not call ChatMock; allowed: {string.Join(", ", corsOrigins)} (setting CorsOrigins).");
        }

        return path is not null
            ? new ChatMockResponse { StatusCode = 204, ContentType = TextContentType, Body = ReadOnlyMemory<byte>.Empty, Headers = [new("Allow", path.Allow)] }
            : ErrorAnswers.NotFound(ResponseFormat.Json, request.Path, served);
    }

    /// <summary>Adds the CORS headers to an answer for an allowed origin (preflight answers have them already).</summary>
    public ChatMockResponse With(ChatMockRequest request, ChatMockResponse response)
    {
        var origin = request.GetHeader("Origin");
        if (origin is null || response.DropConnection || !cors.IsAllowed(origin) || response.Headers.Any(h => h.Key == "Access-Control-Allow-Origin"))
        {
            return response;
        }

        return new ChatMockResponse
        {
            StatusCode = response.StatusCode,
            ContentType = response.ContentType,
            Body = response.Body,
            DropConnection = response.DropConnection,
            Headers = [.. response.Headers, .. Cors.ResponseHeaders(origin)],
        };
    }
}
