using System.Buffers;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Messages;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// Writes the admin API's answers: JSON documents, and for errors WireMock's error format (DESIGN.md D1), which
/// WireMock's clients parse: <c>{"errors": [{"code": 400, "source": {"pointer": "/url"}, "title": "...", "detail": "..."}]}</c>.
/// <c>code</c> is the HTTP status; <c>source</c> is there when the error is about one place of the request body.
/// </summary>
internal static class AdminHttp
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions))
        {
            write(writer);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorEnvelope.JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a text already serialized as JSON.</summary>
    public static async Task WriteJsonTextAsync(HttpContext context, int statusCode, string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorEnvelope.JsonContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes one error in WireMock's error format, with no pointer.</summary>
    /// <param name="context">The admin request.</param>
    /// <param name="statusCode">The HTTP status, also the error's <c>code</c>.</param>
    /// <param name="errorType">The error's <c>title</c>, one of <see cref="AdminErrorTypes"/>.</param>
    /// <param name="message">The error's <c>detail</c>: a sentence saying what was wrong and what to send.</param>
    /// <param name="headers">Headers to add, such as <c>WWW-Authenticate</c> or <c>Allow</c>.</param>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string errorType, string message, params (string Name, string Value)[] headers) =>
        WriteErrorAsync(context, statusCode, errorType, message, pointer: null, headers);

    /// <summary>Writes one error in WireMock's error format; <paramref name="pointer"/> is the JSON pointer of the place in the body it is about.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int statusCode, string errorType, string message, string? pointer, params (string Name, string Value)[] headers)
    {
        var body = ErrorJson(statusCode, errorType, message, pointer);
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

    /// <summary>Returns one error in WireMock's error format as UTF-8 JSON.</summary>
    public static byte[] ErrorJson(int statusCode, string title, string detail, string? pointer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteNumber("code", statusCode);
            if (pointer is not null)
            {
                writer.WriteStartObject("source");
                writer.WriteString("pointer", pointer);
                writer.WriteEndObject();
            }

            writer.WriteString("title", title);
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Task BadRequestAsync(HttpContext context, string message, string? pointer = null) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, AdminErrorTypes.InvalidRequest, message, pointer);

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
