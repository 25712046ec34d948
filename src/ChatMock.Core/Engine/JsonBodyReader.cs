using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using ChatMock.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Engine;

/// <summary>
/// Reads a request body as strict JSON (RFC 8259: no comments, no trailing commas, valid UTF-8, one value) and
/// turns every way it can fail into a violation that says where and why.
/// </summary>
internal static class JsonBodyReader
{
    public const int MaxDepth = 64;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Ignore,
        CommentHandling = CommentHandling.Ignore,
    };

    public static bool TryRead(ReadOnlySpan<byte> body, out JToken? document, out ContractViolation? violation)
    {
        document = null;
        violation = null;

        // A UTF-8 byte order mark is allowed, as ASP.NET allows it.
        if (body.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body[Encoding.UTF8.Preamble.Length..];
        }

        if (IsBlank(body))
        {
            violation = new ContractViolation(string.Empty, "The request body is empty; expected an AddChatMessage object such as {\"ChatSessionId\": 403, \"Message\": null}.");
            return false;
        }

        // Utf8JsonReader checks the structure but not the bytes inside strings, so the encoding is checked first.
        if (!Utf8.IsValid(body))
        {
            var position = FirstInvalidByte(body);
            violation = new ContractViolation(string.Empty, string.Create(CultureInfo.InvariantCulture, $"The request body is not valid UTF-8: the byte 0x{body[position]:X2} at offset {position} does not start a valid character."));
            return false;
        }

        // System.Text.Json is strict and names the byte where the body goes wrong; Newtonsoft then builds the tree
        // NJsonSchema validates, and catches duplicate property names, which the strict pass lets through.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            violation = new ContractViolation(string.Empty, "The request body is not valid JSON: " + Describe(ex));
            return false;
        }

        try
        {
            using var textReader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(body)))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
            };
            document = JToken.ReadFrom(textReader, LoadSettings);
            return true;
        }
        catch (JsonReaderException ex)
        {
            var pointer = string.IsNullOrEmpty(ex.Path) ? string.Empty : "/" + string.Join('/', ex.Path.Split('.').Select(ContractValidator.EscapePointer));
            violation = ex.Message.Contains("already exists", StringComparison.Ordinal)
                ? new ContractViolation(pointer, "The property appears more than once in the same object; send each property once.")
                : new ContractViolation(pointer, "The request body could not be read as JSON: " + ex.Message);
            return false;
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return 0;
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(System.Text.Json.JsonException ex)
    {
        // System.Text.Json counts lines and bytes from 0; people count from 1.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        // System.Text.Json speaks to the programmer who configured the reader; the client needs the JSON rule.
        message = message
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal)
            .Replace("which is not supported in this mode", "which JSON does not allow", StringComparison.Ordinal);

        return ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? $"{message.TrimEnd('.')} (line {line + 1}, byte {position + 1})."
            : message;
    }
}
