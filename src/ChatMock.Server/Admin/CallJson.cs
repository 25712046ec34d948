using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Messages;

namespace ChatMock.Server.Admin;

/// <summary>
/// Writes recorded calls for the admin API. Names are camelCase, as WireMock's admin API and JSON clients expect;
/// the posted and answered <c>ChatMessage</c>s keep SuperOffice's PascalCase, as they went over the wire.
/// </summary>
internal static class CallJson
{
    public static void WriteCall(Utf8JsonWriter writer, RecordedCall call)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", call.Id);
        writer.WriteString("timestamp", ChatMockEngine.FormatUtc(call.Timestamp));
        writer.WriteNumber("durationMs", call.Duration.TotalMilliseconds);
        writer.WriteString("operation", call.Operation);

        var request = call.Request;
        writer.WriteStartObject("request");
        writer.WriteString("method", request.Method);
        writer.WriteString("path", request.Path);
        writer.WriteString("query", request.QueryString);
        WriteHeaders(writer, request.Headers);
        writer.WriteString("body", request.Body);
        writer.WriteNumber("bodyLength", request.BodyLength);
        writer.WriteEndObject();

        if (call.AddChatMessage is { } posted)
        {
            writer.WriteStartObject("addChatMessage");
            writer.WriteNumber("ChatSessionId", posted.ChatSessionId);
            writer.WritePropertyName("Message");
            WriteMessage(writer, posted.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("addChatMessage");
        }

        if (call.Credentials is { } credentials)
        {
            writer.WriteStartObject("credentials");
            writer.WriteString("scheme", credentials.Scheme);
            writer.WriteString("userName", credentials.UserName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("credentials");
        }

        writer.WriteStartArray("violations");
        foreach (var violation in call.Violations)
        {
            WriteViolation(writer, violation);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in call.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
        writer.WriteNumber("delayMs", call.Delay.TotalMilliseconds);
        writer.WriteString("fault", call.Fault);

        var response = call.Response;
        writer.WriteStartObject("response");
        writer.WriteNumber("statusCode", response.StatusCode);
        writer.WriteString("contentType", response.ContentType);
        writer.WriteString("body", response.Body);
        writer.WritePropertyName("chatMessage");
        WriteMessage(writer, response.ChatMessage);
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    /// <summary>Writes one violation of one call, with enough of the call to find it again.</summary>
    public static void WriteViolationOfCall(Utf8JsonWriter writer, RecordedCall call, ContractViolation violation)
    {
        writer.WriteStartObject();
        writer.WriteNumber("callId", call.Id);
        writer.WriteString("timestamp", ChatMockEngine.FormatUtc(call.Timestamp));
        writer.WriteString("method", call.Request.Method);
        writer.WriteString("url", call.Request.Path + call.Request.QueryString);
        writer.WriteNumber("statusCode", call.Response.StatusCode);
        writer.WriteString("path", violation.Path);
        writer.WriteString("message", violation.Message);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a call in the shape of WireMock's <c>LoggedRequest</c> (<c>url</c>, <c>absoluteUrl</c>, <c>method</c>,
    /// <c>headers</c>, <c>body</c>, <c>loggedDate</c>, <c>loggedDateString</c>), plus ChatMock's <c>chatMockCallId</c>.
    /// </summary>
    public static void WriteLoggedRequest(Utf8JsonWriter writer, RecordedCall call)
    {
        var request = call.Request;
        var url = request.Path + request.QueryString;
        writer.WriteStartObject();
        writer.WriteString("id", call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("url", url);
        if (request.GetHeader("Host") is { Length: > 0 } host)
        {
            writer.WriteString("absoluteUrl", "http://" + host + url);
        }

        writer.WriteString("method", request.Method);
        WriteHeaders(writer, request.Headers);
        writer.WriteString("body", request.Body);
        writer.WriteNumber("loggedDate", call.Timestamp.ToUnixTimeMilliseconds());
        writer.WriteString("loggedDateString", ChatMockEngine.FormatUtc(call.Timestamp));
        writer.WriteNumber("chatMockCallId", call.Id);
        writer.WriteEndObject();
    }

    /// <summary>Writes headers as an object, name to value; a header sent several times has its values joined by ", ".</summary>
    private static void WriteHeaders(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        writer.WriteStartObject("headers");
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (written.Add(header.Key))
            {
                var values = headers.Where(h => string.Equals(h.Key, header.Key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
                writer.WriteString(header.Key, string.Join(", ", values));
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteViolation(Utf8JsonWriter writer, ContractViolation violation)
    {
        writer.WriteStartObject();
        writer.WriteString("path", violation.Path);
        writer.WriteString("message", violation.Message);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage? message)
    {
        if (message is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            ChatMessageJson.Write(writer, message);
        }
    }
}
