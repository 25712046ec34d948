using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using ChatMock.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Bodies;

/// <summary>
/// Reads a request body as strict JSON (RFC 8259: no comments, no trailing commas, valid UTF-8, one value) and
/// turns every way it can fail into a violation that says where and why.
/// </summary>
internal static class JsonBodyReader
{
    public const int MaxDepth = 64;

    /// <summary>
    /// The most properties one object may have (fields one form object, elements one XML parent). SuperOffice's
    /// carriers have a few dozen; a body of a hundred thousand is refused once, at its object, rather than validated
    /// property by property.
    /// </summary>
    public const int MaxProperties = 1000;

    /// <summary>The violation of an object with more than <see cref="MaxProperties"/> properties.</summary>
    public static ContractViolation TooManyProperties(string pointer, string what = "properties") => new(
        pointer,
        string.Create(CultureInfo.InvariantCulture, $"The object has more than {MaxProperties} {what}; ChatMock reads at most {MaxProperties} in one object (SuperOffice's carriers have a few dozen)."));

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

        // System.Text.Json is strict and names the byte where the body goes wrong, and builds the tree NJsonSchema
        // validates as it reads. What it cannot settle alone (a property name sent twice, an escaped lone surrogate)
        // goes the slow way, through Newtonsoft's reader, which says so as the journal has always recorded it.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            document = Build(ref reader);
            if (document is not null)
            {
                return true;
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            violation = new ContractViolation(string.Empty, "The request body is not valid JSON: " + Describe(ex));
            return false;
        }
        catch (TooManyPropertiesException ex)
        {
            violation = TooManyProperties(ex.Pointer);
            return false;
        }

        return TryReadSlowly(body, out document, out violation);
    }

    /// <summary>
    /// Reads the whole body and builds the same tree <see cref="JToken.ReadFrom(JsonReader, JsonLoadSettings)"/> builds
    /// (integers as <see cref="long"/> or <see cref="BigInteger"/>, other numbers as <see cref="double"/>, no dates);
    /// null when the body needs Newtonsoft's reader to be described.
    /// </summary>
    private static JToken? Build(ref Utf8JsonReader reader)
    {
        JToken? root = null;
        var open = new List<JContainer>(4);
        string? name = null;
        while (reader.Read())
        {
            JToken value;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    value = new JObject();
                    break;
                case JsonTokenType.StartArray:
                    value = new JArray();
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    open.RemoveAt(open.Count - 1);
                    continue;
                case JsonTokenType.PropertyName:
                    if (!TryGetString(ref reader, out name))
                    {
                        return null;
                    }

                    continue;
                case JsonTokenType.String:
                    if (!TryGetString(ref reader, out var text))
                    {
                        return null;
                    }

                    value = new JValue(text);
                    break;
                case JsonTokenType.Number:
                    if (Number(ref reader) is not { } number)
                    {
                        return null;
                    }

                    value = number;
                    break;
                case JsonTokenType.True:
                    value = new JValue(true);
                    break;
                case JsonTokenType.False:
                    value = new JValue(false);
                    break;
                default:
                    value = JValue.CreateNull();
                    break;
            }

            if (open.Count == 0)
            {
                root = value;
            }
            else if (open[^1] is JObject parent)
            {
                if (parent.ContainsKey(name!))
                {
                    return null;
                }

                if (parent.Count == MaxProperties)
                {
                    throw new TooManyPropertiesException(PointerOf(parent));
                }

                parent.Add(name!, value);
            }
            else
            {
                open[^1].Add(value);
            }

            if (value is JContainer container)
            {
                open.Add(container);
            }
        }

        return root;
    }

    /// <summary>The JSON pointer of a token of the tree being built (only for the rare violation that needs it).</summary>
    private static string PointerOf(JToken token)
    {
        var parts = new List<string>();
        for (var current = token; current.Parent is { } parent; current = parent)
        {
            if (parent is JProperty property)
            {
                parts.Add(ContractValidator.EscapePointer(property.Name));
                current = property;
                if (property.Parent is null)
                {
                    break;
                }
            }
            else if (parent is JArray array)
            {
                parts.Add(array.IndexOf(current).ToString(CultureInfo.InvariantCulture));
            }
        }

        parts.Reverse();
        return parts.Count == 0 ? string.Empty : "/" + string.Join('/', parts);
    }

    private sealed class TooManyPropertiesException(string pointer) : Exception
    {
        public string Pointer { get; } = pointer;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate, which System.Text.Json will not turn into a string.
            text = null;
            return false;
        }
    }

    /// <summary>
    /// A number as Newtonsoft reads it with <see cref="FloatParseHandling.Double"/>; null for an integer longer than
    /// Newtonsoft reads (380 characters), which it refuses in words of its own.
    /// </summary>
    private static JValue? Number(ref Utf8JsonReader reader)
    {
        const int NewtonsoftLongestInteger = 380;
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            return new JValue(double.Parse(Encoding.UTF8.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (reader.TryGetInt64(out var number))
        {
            return new JValue(number);
        }

        return raw.Length > NewtonsoftLongestInteger
            ? null
            : new JValue(BigInteger.Parse(Encoding.UTF8.GetString(raw), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The way every body was read before the tree was built in one pass: System.Text.Json checks the whole body,
    /// then Newtonsoft builds the tree and reports what the strict pass lets through.
    /// </summary>
    internal static bool TryReadSlowly(ReadOnlySpan<byte> body, out JToken? document, out ContractViolation? violation)
    {
        document = null;
        violation = null;
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
