using System.Text.Json;
using ChatMock.Carriers;

namespace ChatMock.Journal;

/// <summary>The names of the members <see cref="RecordedCallJson"/> writes.</summary>
internal static partial class RecordedCallJson
{
    /// <summary>The member names, encoded once: written by name, each would be checked and transcoded on every call.</summary>
    private static class Name
    {
        public static readonly JsonEncodedText AddChatMessage = JsonEncodedText.Encode("addChatMessage");

        public static readonly JsonEncodedText Body = JsonEncodedText.Encode("body");

        public static readonly JsonEncodedText BodyBase64 = JsonEncodedText.Encode("bodyBase64");

        public static readonly JsonEncodedText BodyLength = JsonEncodedText.Encode("bodyLength");

        public static readonly JsonEncodedText ChatMessage = JsonEncodedText.Encode("chatMessage");

        public static readonly JsonEncodedText ChatSessionId = JsonEncodedText.Encode("ChatSessionId");

        public static readonly JsonEncodedText ContentType = JsonEncodedText.Encode("contentType");

        public static readonly JsonEncodedText Credentials = JsonEncodedText.Encode("credentials");

        public static readonly JsonEncodedText DelayMs = JsonEncodedText.Encode("delayMs");

        public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("durationMs");

        public static readonly JsonEncodedText Fault = JsonEncodedText.Encode("fault");

        public static readonly JsonEncodedText Headers = JsonEncodedText.Encode("headers");

        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("Message");

        public static readonly JsonEncodedText ViolationMessage = JsonEncodedText.Encode("message");

        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");

        public static readonly JsonEncodedText Operation = JsonEncodedText.Encode("operation");

        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");

        public static readonly JsonEncodedText Query = JsonEncodedText.Encode("query");

        public static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");

        public static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");

        public static readonly JsonEncodedText Scheme = JsonEncodedText.Encode("scheme");

        public static readonly JsonEncodedText StatusCode = JsonEncodedText.Encode("statusCode");

        public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");

        public static readonly JsonEncodedText UserName = JsonEncodedText.Encode("userName");

        public static readonly JsonEncodedText Violations = JsonEncodedText.Encode("violations");

        public static readonly JsonEncodedText Warnings = JsonEncodedText.Encode("warnings");

        /// <summary>The ChatMessage carrier's property names, in its order.</summary>
        public static readonly JsonEncodedText[] MessageProperties = [.. Carrier.ChatMessage.Properties.Select(p => JsonEncodedText.Encode(p.Name))];
    }
}
