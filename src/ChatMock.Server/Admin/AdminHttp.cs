using System.Buffers;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Messages;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>Writes the admin API's answers: JSON documents, and SuperOffice's error envelope for errors.</summary>
internal static class AdminHttp
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ChatMessageJson.WriterOptions))
        {
            write(writer);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorEnvelope.JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteErrorAsync(HttpContext context, int statusCode, string errorType, string message, params (string Name, string Value)[] headers)
    {
        var body = ErrorEnvelope.ToJson(errorType, message);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorEnvelope.JsonContentType;
        foreach (var (name, value) in headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task BadRequestAsync(HttpContext context, string message) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, AdminErrorTypes.InvalidRequest, message);

    public static Task NotFoundAsync(HttpContext context, string message) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, AdminErrorTypes.NotFound, message);

    public static Task MethodNotAllowedAsync(HttpContext context, string allow) =>
        WriteErrorAsync(
            context,
            StatusCodes.Status405MethodNotAllowed,
            AdminErrorTypes.MethodNotAllowed,
            $"{context.Request.Method} is not allowed on {context.Request.Path}; use {allow}.",
            ("Allow", allow));
}
