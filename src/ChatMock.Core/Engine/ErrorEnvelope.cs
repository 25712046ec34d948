using System.Buffers;
using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Messages;

namespace ChatMock.Engine;

/// <summary>Writes SuperOffice's error envelope, with ChatMock's <c>Violations</c> for contract errors (DESIGN.md D1).</summary>
internal static class ErrorEnvelope
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static byte[] ToJson(string errorType, string errorMessage, IReadOnlyList<ContractViolation>? violations = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ChatMessageJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("Error", true);
            writer.WriteString("ErrorType", errorType);
            writer.WriteString("ErrorMessage", errorMessage);
            writer.WriteString("ErrorSource", ErrorTypes.Source);
            if (violations is { Count: > 0 })
            {
                writer.WriteStartArray("Violations");
                foreach (var violation in violations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("Path", violation.Path);
                    writer.WriteString("Message", violation.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
