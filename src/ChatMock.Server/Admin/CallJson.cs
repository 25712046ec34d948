using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Answers;
using ChatMock.Carriers;
using ChatMock.Messages;
using Microsoft.AspNetCore.WebUtilities;
using WireMock.Admin.Requests;
using WireMock.Types;

namespace ChatMock.Server.Admin;

/// <summary>
/// Writes recorded calls in the shapes of WireMock's dialects (its <c>LoggedRequest</c> and <c>ServeEvent</c>, and
/// WireMock.Net's <c>LogEntryModel</c>), and one violation of a call; ChatMock's own shape of a call is
/// <see cref="RecordedCallJson"/>.
/// </summary>
internal static class CallJson
{
    /// <summary>Writes one violation of one call, with enough of the call to find it again.</summary>
    public static void WriteViolationOfCall(Utf8JsonWriter writer, RecordedCall call, ContractViolation violation)
    {
        writer.WriteStartObject();
        writer.WriteNumber("callId", call.Id);
        writer.WriteString("timestamp", UtcText.Format(call.Timestamp));
        writer.WriteString("method", call.Request.Method);
        writer.WriteString("url", call.Request.Path + call.Request.QueryString);
        writer.WriteNumber("statusCode", call.Response.StatusCode);
        writer.WriteString("path", violation.Path);
        writer.WriteString("message", violation.Message);
        writer.WriteEndObject();
    }

    /// <summary>Returns the id of the user's WireMock mapping that answered the call, read from its warning; null for the engine's calls.</summary>
    public static Guid? MappingGuid(RecordedCall call)
    {
        if (!string.Equals(call.Operation, MappingCallRecorder.MappingOperation, StringComparison.Ordinal))
        {
            return call.Operation is null ? null : ChatMockServer.EngineMappingGuid;
        }

        foreach (var warning in call.Warnings)
        {
            if (warning.StartsWith(MappingCallRecorder.AnsweredBy, StringComparison.Ordinal)
                && Guid.TryParse(warning.AsSpan(MappingCallRecorder.AnsweredBy.Length, 36), out var guid))
            {
                return guid;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes a call in the shape of WireMock's <c>LoggedRequest</c> (<c>id</c>, <c>url</c>, <c>absoluteUrl</c>,
    /// <c>method</c>, <c>headers</c>, <c>body</c>, <c>bodyAsBase64</c>, <c>loggedDate</c>...), plus ChatMock's
    /// <c>chatMockCallId</c>. Headers that carry credentials are redacted (<see cref="HeaderRedaction"/>).
    /// </summary>
    public static void WriteLoggedRequest(Utf8JsonWriter writer, RecordedCall call, CallIds ids)
    {
        var request = call.Request;
        var url = request.Path + request.QueryString;
        writer.WriteStartObject();
        writer.WriteString("id", ids.ToGuid(call.Id));
        writer.WriteString("url", url);
        var host = request.GetHeader("Host") is { Length: > 0 } sent ? sent : "localhost";
        writer.WriteString("absoluteUrl", "http://" + host + url);
        writer.WriteString("method", request.Method);
        writer.WriteString("clientIp", "127.0.0.1");
        RecordedCallJson.WriteHeaders(writer, request.Headers);
        writer.WriteStartObject("cookies");
        writer.WriteEndObject();
        writer.WriteBoolean("browserProxyRequest", false);
        writer.WriteString("body", request.Body);
        writer.WriteString("bodyAsBase64", Convert.ToBase64String(request.BodyUtf8.Span));
        writer.WriteNumber("loggedDate", call.Timestamp.ToUnixTimeMilliseconds());
        writer.WriteString("loggedDateString", UtcText.Format(call.Timestamp));
        writer.WriteString("protocol", "HTTP/1.1");
        writer.WriteString("scheme", "http");
        writer.WriteNumber("chatMockCallId", call.Id);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a call as WireMock's <c>ServeEvent</c>: the logged request, whether a stub matched it, and the
    /// answer sent. <paramref name="stub"/> is the WireMock-format stub that answered it, when one did.
    /// </summary>
    public static void WriteServeEvent(Utf8JsonWriter writer, RecordedCall call, CallIds ids, System.Text.Json.Nodes.JsonObject? stub)
    {
        writer.WriteStartObject();
        writer.WriteString("id", ids.ToGuid(call.Id));
        writer.WritePropertyName("request");
        WriteLoggedRequest(writer, call, ids);
        var matched = !WireMockJournalApi.IsUnmatched(call);
        writer.WriteBoolean("wasMatched", matched);
        if (stub is not null)
        {
            writer.WritePropertyName("mapping");
            stub.WriteTo(writer);
        }

        writer.WriteStartObject("responseDefinition");
        writer.WriteNumber("status", call.Response.StatusCode);
        writer.WriteString("body", call.Response.Body);
        writer.WriteEndObject();
        writer.WriteStartObject("response");
        writer.WriteNumber("status", call.Response.StatusCode);
        writer.WriteStartObject("headers");
        if (call.Response.ContentType.Length > 0)
        {
            writer.WriteString("Content-Type", call.Response.ContentType);
        }

        writer.WriteEndObject();
        writer.WriteString("body", call.Response.Body);
        writer.WriteEndObject();
        writer.WriteStartObject("timing");
        writer.WriteNumber("serveTime", (long)call.Duration.TotalMilliseconds);
        writer.WriteNumber("processTime", (long)call.Duration.TotalMilliseconds);
        writer.WriteNumber("responseSendTime", 0);
        writer.WriteNumber("totalTime", (long)(call.Duration + call.Delay).TotalMilliseconds);
        writer.WriteNumber("addedDelay", (long)call.Delay.TotalMilliseconds);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Returns a call as WireMock.Net's <see cref="LogEntryModel"/>, as its .NET admin client reads it.</summary>
    public static LogEntryModel ToLogEntry(RecordedCall call, CallIds ids, string host)
    {
        var request = call.Request;
        var url = request.Path + request.QueryString;
        var absolute = "http://" + (request.GetHeader("Host") is { Length: > 0 } sent ? sent : host) + url;
        var query = QueryHelpers.ParseQuery(request.QueryString);
        var mapping = MappingGuid(call);
        return new LogEntryModel
        {
            Guid = ids.ToGuid(call.Id),
            Request = new LogRequestModel
            {
                ClientIP = "127.0.0.1",
                DateTime = call.Timestamp.UtcDateTime,
                Path = request.Path,
                AbsolutePath = request.Path,
                Url = absolute,
                AbsoluteUrl = absolute,
                Query = query.Count == 0 ? null : query.ToDictionary(q => q.Key, q => new WireMockList<string>(q.Value.Select(v => v ?? string.Empty))),
                Method = request.Method,
                HttpVersion = "1.1",
                Headers = GroupHeaders(request.Headers),
                Body = request.Body.Length == 0 ? null : request.Body,
                DetectedBodyType = request.Body.Length == 0 ? "None" : "String",
            },
            Response = new LogResponseModel
            {
                DateTime = call.Timestamp.UtcDateTime + call.Duration,
                StatusCode = call.Response.StatusCode,
                Headers = call.Response.ContentType.Length == 0 ? null : new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(call.Response.ContentType) },
                Body = call.Response.Body,
                DetectedBodyType = nameof(BodyType.String),
            },
            MappingGuid = mapping,
            MappingTitle = mapping == ChatMockServer.EngineMappingGuid ? "ChatMock engine" : null,
        };
    }

    private static Dictionary<string, WireMockList<string>> GroupHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var grouped = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (!grouped.TryGetValue(name, out var values))
            {
                grouped[name] = values = [];
            }

            values.Add(HeaderRedaction.Redact(name, value));
        }

        return grouped;
    }
}
