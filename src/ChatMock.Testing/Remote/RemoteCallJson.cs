using System.Globalization;
using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Testing.Remote;

/// <summary>
/// Reads the calls ChatMock's admin API answers (<c>/__admin/chatmock/calls</c>, camelCase, with the posted and
/// answered <c>ChatMessage</c>s in SuperOffice's PascalCase) back into <see cref="RecordedCall"/>s.
/// </summary>
internal static class RemoteCallJson
{
    public static RecordedCall ReadCall(JsonElement call)
    {
        var request = call.GetProperty("request");
        var response = call.GetProperty("response");
        return new RecordedCall
        {
            // Ids are the server's: the same numbers its failure messages and admin API show.
            Id = call.GetProperty("id").GetInt64(),
            Timestamp = DateTimeOffset.Parse(call.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Duration = Milliseconds(call, "durationMs"),
            Operation = String(call, "operation"),
            Request = new RecordedRequest
            {
                Method = request.GetProperty("method").GetString()!,
                Path = request.GetProperty("path").GetString()!,
                QueryString = String(request, "query") ?? string.Empty,
                Headers = Headers(request),
                Body = String(request, "body") ?? string.Empty,
                BodyLength = request.TryGetProperty("bodyLength", out var length) ? length.GetInt64() : 0,
            },
            AddChatMessage = call.TryGetProperty("addChatMessage", out var posted) && posted.ValueKind == JsonValueKind.Object
                ? new AddChatMessageRequest(posted.GetProperty("ChatSessionId").GetInt32(), Message(posted, "Message"))
                : null,
            Credentials = call.TryGetProperty("credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Object
                ? new Credentials(credentials.GetProperty("scheme").GetString()!, String(credentials, "userName"))
                : null,
            Violations = Violations(call),
            Warnings = call.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
                ? [.. warnings.EnumerateArray().Select(w => w.GetString() ?? string.Empty)]
                : [],
            Delay = Milliseconds(call, "delayMs"),
            Fault = String(call, "fault"),
            Response = new RecordedResponse
            {
                StatusCode = response.GetProperty("statusCode").GetInt32(),
                ContentType = String(response, "contentType") ?? string.Empty,
                Body = String(response, "body") ?? string.Empty,
                ChatMessage = Message(response, "chatMessage"),
            },
        };
    }

    private static List<KeyValuePair<string, string>> Headers(JsonElement request) =>
        request.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            ? [.. headers.EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString() ?? string.Empty))]
            : [];

    private static List<ContractViolation> Violations(JsonElement call) =>
        call.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array
            ? [.. violations.EnumerateArray().Select(v => new ContractViolation(String(v, "path") ?? string.Empty, String(v, "message") ?? string.Empty))]
            : [];

    // The admin API writes a message as the answers do; it is read with the carriers' one description.
    private static ChatMessage? Message(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.Object
            ? message.Deserialize(ChatMock.Carriers.CarrierJson.Default.ChatMessage)
            : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    // The server writes TimeSpan.TotalMilliseconds; rounding to the nearest tick gives back the very TimeSpan
    // (TimeSpan.FromMilliseconds would truncate 0.1284 to 1283 ticks).
    private static TimeSpan Milliseconds(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromTicks((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerMillisecond))
            : TimeSpan.Zero;
}
