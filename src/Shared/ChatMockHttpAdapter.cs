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
    /// <param name="context">The request and its response.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="maxBodyBytes">The most body bytes read.</param>
    /// <param name="body">The body, when the host has read it already.</param>
    public static async Task<ChatMockResponse> AnswerAsync(HttpContext context, ChatMockEngine engine, int maxBodyBytes, RequestBody? body = null)
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

        var read = body ?? await RequestBodyReader.ReadAsync(request, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var answer = engine.Handle(new ChatMockRequest
        {
            Method = request.Method,
            Path = request.PathBase.Add(request.Path).Value ?? "/",
            QueryString = request.QueryString.Value ?? string.Empty,
            Headers = headers,
            Body = read.Bytes,
            BodyFailure = read.Failure,
        });

        try
        {
            await engine.DelayAsync(answer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away during the delay; the call is recorded all the same.
            return answer;
        }

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
        try
        {
            await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away; the call is recorded all the same.
        }

        return answer;
    }
}
