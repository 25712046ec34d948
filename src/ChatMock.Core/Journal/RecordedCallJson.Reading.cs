using System.Text;
using System.Text.Json;
using ChatMock.Carriers;
using ChatMock.Contracts;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>Reading a recorded call back from the JSON <see cref="RecordedCallJson"/> writes.</summary>
internal static partial class RecordedCallJson
{
    /// <summary>
    /// Reads a call back from its JSON: as the journal keeps it (with the id given by <paramref name="id"/>) or as the
    /// admin API answers it (with its own <c>id</c>). Members it does not know are passed over.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON, or a member has a value of the wrong kind.</exception>
    public static RecordedCall Read(ReadOnlySpan<byte> json, long id = 0)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var call = document.RootElement;
        try
        {
            return ReadCall(call, call.TryGetProperty("id", out var own) ? own.GetInt64() : id);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // JsonElement throws these for a member missing or of the wrong kind.
            throw new JsonException("A recorded call does not read: " + ex.Message, ex);
        }
    }

    private static RecordedCall ReadCall(JsonElement call, long id)
    {
        var request = call.GetProperty("request");
        var response = call.GetProperty("response");
        return new RecordedCall
        {
            Id = id,
            Timestamp = call.GetProperty("timestamp").GetDateTimeOffset(),
            Duration = Milliseconds(call, "durationMs"),
            Operation = String(call, "operation"),
            Request = new RecordedRequest
            {
                Method = String(request, "method") ?? string.Empty,
                Path = String(request, "path") ?? string.Empty,
                QueryString = String(request, "query") ?? string.Empty,
                Headers = Object(request, "headers") is { } headers
                    ? [.. headers.EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString() ?? string.Empty))]
                    : [],
                BodyUtf8 = Body(request),
                BodyLength = Length(request),
            },
            AddChatMessage = Object(call, "addChatMessage") is { } posted
                ? new AddChatMessageRequest(posted.GetProperty("ChatSessionId").GetInt32(), Message(posted, "Message"))
                : null,
            Credentials = Object(call, "credentials") is { } credentials
                ? new Credentials(String(credentials, "scheme") ?? string.Empty, String(credentials, "userName"))
                : null,
            Violations = Array(call, "violations") is { } violations
                ? [.. violations.EnumerateArray().Select(v => new ContractViolation(String(v, "path") ?? string.Empty, String(v, "message") ?? string.Empty))]
                : [],
            Warnings = Array(call, "warnings") is { } warnings ? [.. warnings.EnumerateArray().Select(w => w.GetString() ?? string.Empty)] : [],
            Delay = Milliseconds(call, "delayMs"),
            Fault = String(call, "fault"),
            Response = new RecordedResponse
            {
                StatusCode = response.GetProperty("statusCode").GetInt32(),
                ContentType = String(response, "contentType") ?? string.Empty,
                BodyUtf8 = Body(response),
                BodyLength = Length(response),
                ChatMessage = Message(response, "chatMessage"),
            },
        };
    }

    /// <summary>The body's exact bytes: from <c>bodyBase64</c> when there, else the UTF-8 of <c>body</c>.</summary>
    private static byte[] Body(JsonElement parent) =>
        String(parent, "bodyBase64") is not null ? parent.GetProperty("bodyBase64").GetBytesFromBase64()
        : String(parent, "body") is { } text ? Encoding.UTF8.GetBytes(text)
        : [];

    private static long Length(JsonElement parent) =>
        parent.TryGetProperty("bodyLength", out var length) && length.ValueKind == JsonValueKind.Number ? length.GetInt64() : Body(parent).Length;

    // A message is read with the carriers' one description (source-generated metadata).
    private static ChatMessage? Message(JsonElement parent, string name) =>
        Object(parent, name) is { } message ? message.Deserialize(CarrierJson.Default.ChatMessage) : null;

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static JsonElement? Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The journal writes TimeSpan.TotalMilliseconds; rounding to the nearest tick gives back the very TimeSpan
    // (TimeSpan.FromMilliseconds would truncate 0.1284 to 1283 ticks).
    private static TimeSpan Milliseconds(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromTicks((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerMillisecond))
            : TimeSpan.Zero;
}
