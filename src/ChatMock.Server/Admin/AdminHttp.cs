using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Messages;
using ChatMock.Server.Admin.Patterns;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// Reads admin requests and writes the admin API's answers: JSON documents, and for errors WireMock's error format
/// (DESIGN.md D1), which WireMock's clients parse:
/// <c>{"errors": [{"code": 400, "source": {"pointer": "/url"}, "title": "...", "detail": "..."}]}</c>.
/// <c>code</c> is the HTTP status; <c>source</c> is there when the error is about one place of the request body.
/// </summary>
internal static class AdminHttp
{
    /// <summary>The largest admin request body <see cref="ReadBodyAsync"/> reads.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Answers the request with the first of <paramref name="answers"/> made for its method; 405 naming them all when none is.</summary>
    /// <param name="context">The admin request.</param>
    /// <param name="answers">Each method the endpoint serves (such as <c>GET</c>) and what answers it, in the order the <c>Allow</c> header lists them.</param>
    public static Task AnswerByMethodAsync(HttpContext context, params (string Method, Func<HttpContext, Task> Answer)[] answers)
    {
        foreach (var (method, answer) in answers)
        {
            if (HttpMethods.Equals(method, context.Request.Method))
            {
                return answer(context);
            }
        }

        return MethodNotAllowedAsync(context, string.Join(", ", answers.Select(a => a.Method)));
    }

    /// <summary>Reads an admin request's body as text, up to <see cref="MaxBodyBytes"/>; null (answered 413) when larger.</summary>
    public static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, AdminErrorTypes.InvalidRequest, $"The admin request body is over {MaxBodyBytes} bytes.").ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads an admin request's body as JSON; null when it was refused (over the size, or not JSON: answered 413 or 400).</summary>
    /// <param name="context">The admin request.</param>
    /// <param name="what">What the body should be, to name it in the error, such as <c>The stub</c>.</param>
    /// <param name="whenEmpty">The JSON an empty body stands for; null when an empty body is not JSON.</param>
    public static async Task<JsonElement?> ReadJsonAsync(HttpContext context, string what, string? whenEmpty = null)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(whenEmpty is not null && string.IsNullOrWhiteSpace(body) ? whenEmpty : body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            await BadRequestAsync(context, what + " is not JSON: " + ex.Message, "/").ConfigureAwait(false);
            return null;
        }
    }

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions))
        {
            write(writer);
        }

        await WriteBytesAsync(context, statusCode, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>Writes a text already serialized as JSON.</summary>
    public static Task WriteJsonTextAsync(HttpContext context, int statusCode, string json) =>
        WriteBytesAsync(context, statusCode, Encoding.UTF8.GetBytes(json));

    /// <summary>Writes WireMock.Net's answer of a status: <c>{"Status": "..."}</c>.</summary>
    public static Task WriteStatusAsync(HttpContext context, int statusCode, string status) =>
        WriteJsonAsync(context, statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Status", status);
            writer.WriteEndObject();
        });

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
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        await WriteBytesAsync(context, statusCode, ErrorJson(statusCode, errorType, message, pointer)).ConfigureAwait(false);
    }

    /// <summary>Writes a request pattern or stub ChatMock cannot use, with its status, title and pointer.</summary>
    public static Task WritePatternErrorAsync(HttpContext context, PatternException error) =>
        WriteErrorAsync(context, error.StatusCode, error.Title, error.Message, error.Pointer);

    /// <summary>
    /// Runs a step that reads or matches a request pattern; when the pattern cannot be used (<see cref="PatternException"/>,
    /// a bad field or a regular expression that ran out of time), answers the error and returns null.
    /// </summary>
    public static async Task<T?> TryPatternAsync<T>(HttpContext context, Func<T> step)
        where T : class
    {
        try
        {
            return step();
        }
        catch (PatternException ex)
        {
            await WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return null;
        }
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

    private static async Task WriteBytesAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorEnvelope.JsonContentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
