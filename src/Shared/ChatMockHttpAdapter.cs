using ChatMock.Engine;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Hosting;

/// <summary>
/// Turns an ASP.NET Core <see cref="HttpContext"/> into an engine request and writes the engine's answer. One source
/// file, compiled into both hosts: the in-memory host answers every call with it, the standalone server the calls it
/// answers without WireMock.Net's matching.
/// </summary>
internal static class ChatMockHttpAdapter
{
    /// <summary>Answers the request with <paramref name="engine"/> (which records it) and writes the answer.</summary>
    public static Task HandleAsync(HttpContext context, ChatMockEngine engine, int maxBodyBytes) =>
        AnswerAsync(context, engine, maxBodyBytes);

    /// <summary>Answers the request with <paramref name="engine"/> (which records it) and writes the answer.</summary>
    /// <returns>The engine's answer, as written (or the connection aborted, for <c>Prefer: fault=drop</c>).</returns>
    public static async Task<ChatMockResponse> AnswerAsync(HttpContext context, ChatMockEngine engine, int maxBodyBytes)
    {
        var request = context.Request;
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new(header.Key, value ?? string.Empty));
            }
        }

        var body = await ReadBodyAsync(request.Body, request.ContentLength, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var answer = await engine.HandleAsync(
            new ChatMockRequest
            {
                Method = request.Method,
                Path = request.PathBase.Add(request.Path).Value ?? "/",
                QueryString = request.QueryString.Value ?? string.Empty,
                Headers = headers,
                Body = body,
            },
            context.RequestAborted).ConfigureAwait(false);

        if (answer.DropConnection)
        {
            context.Abort();
            return answer;
        }

        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        foreach (var header in answer.Headers)
        {
            response.Headers.Append(header.Key, header.Value);
        }

        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        return answer;
    }

    /// <summary>
    /// Reads at most one byte more than the limit: enough for the engine to see that a body is too large and answer
    /// 413, without buffering a body of any size. A declared Content-Length sizes the buffer exactly (the server
    /// enforces it), so a usual call allocates its body once and nothing more.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(
        Stream body, long? contentLength, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (contentLength == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var cap = maxBodyBytes + 1;
        var declared = contentLength is { } known && known < cap ? (int)known : -1;
        var buffer = new byte[declared > 0 ? declared : Math.Min(cap, 4 * 1024)];
        var length = 0;
        while (length < cap)
        {
            if (length == buffer.Length)
            {
                if (length == declared)
                {
                    break;
                }

                Array.Resize(ref buffer, Math.Min(cap, buffer.Length * 2));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }
}
