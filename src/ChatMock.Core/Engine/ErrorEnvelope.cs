using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Answers;

namespace ChatMock.Engine;

/// <summary>Writes SuperOffice's error envelope, with ChatMock's <c>Violations</c> for contract errors (DESIGN.md D1).</summary>
internal static class ErrorEnvelope
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes the envelope as XML: root <c>Error</c>, one element per member, <c>Violations</c> of <c>Violation</c>s.</summary>
    public static byte[] ToXml(string errorType, string errorMessage, IReadOnlyList<ContractViolation>? violations = null) =>
        XmlBytes.Document("Error", (errorType, errorMessage, violations), static (xml, envelope) =>
        {
            xml.Element("Error", "true");
            xml.Element("ErrorType", envelope.errorType);
            // A message may quote what the client sent; XML cannot carry a control character, so it is escaped.
            xml.Element("ErrorMessage", XmlBytes.Escaped(envelope.errorMessage));
            xml.Element("ErrorSource", ErrorTypes.Source);
            if (envelope.violations is { Count: > 0 } list)
            {
                xml.Start("Violations");
                for (var i = 0; i < list.Count; i++)
                {
                    xml.Start("Violation");
                    xml.Element("Path", XmlBytes.Escaped(list[i].Path));
                    xml.Element("Message", XmlBytes.Escaped(list[i].Message));
                    xml.End("Violation");
                }

                xml.End("Violations");
            }
        });

    public static byte[] ToJson(string errorType, string errorMessage, IReadOnlyList<ContractViolation>? violations = null) =>
        JsonBytes.Write((errorType, errorMessage, violations), static (writer, envelope) =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("Error", true);
            writer.WriteString("ErrorType", envelope.errorType);
            writer.WriteString("ErrorMessage", envelope.errorMessage);
            writer.WriteString("ErrorSource", ErrorTypes.Source);
            if (envelope.violations is { Count: > 0 } list)
            {
                writer.WriteStartArray("Violations");

                // Indexed: a foreach over the interface would allocate an enumerator for every answer.
                for (var i = 0; i < list.Count; i++)
                {
                    var violation = list[i];
                    writer.WriteStartObject();
                    writer.WriteString("Path", violation.Path);
                    writer.WriteString("Message", violation.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
}
