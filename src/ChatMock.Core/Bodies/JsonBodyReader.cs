using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>The deepest document the engine makes: a body at <see cref="MaxDepth"/>, under the name its operation reads it by.</summary>
    public const int DocumentDepth = MaxDepth + 1;

    /// <summary>The document of an empty object, for a call whose input has nothing in it.</summary>
    public static readonly JsonElement EmptyObject = JsonElement.Parse("{}"u8);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Reads the body into a System.Text.Json document (the one tree the engine reads a body from), which the caller
    /// disposes: it reads <paramref name="body"/> in place and holds pooled memory, so no element of it may outlive
    /// the body or the call. On failure, the violation that says where and why.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, out ContractViolation? violation)
    {
        document = null;
        violation = null;

        // A UTF-8 byte order mark is allowed, as ASP.NET allows it.
        if (body.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body[Encoding.UTF8.Preamble.Length..];
        }

        var span = body.Span;
        if (IsBlank(span))
        {
            violation = new ContractViolation(string.Empty, "The request body is empty; expected an AddChatMessage object such as {\"ChatSessionId\": 403, \"Message\": null}.");
            return false;
        }

        // Utf8JsonReader checks the structure but not the bytes inside strings, so the encoding is checked first.
        if (!Utf8.IsValid(span))
        {
            var position = FirstInvalidByte(span);
            violation = new ContractViolation(string.Empty, string.Create(CultureInfo.InvariantCulture, $"The request body is not valid UTF-8: the byte 0x{span[position]:X2} at offset {position} does not start a valid character."));
            return false;
        }

        // System.Text.Json is strict; what it refuses, and what the document may not hold (below), is read again the
        // slow way, which names the byte where the body goes wrong, or the property sent twice as the journal has
        // always recorded it.
        try
        {
            // System.Text.Json makes no string of an escaped surrogate without its pair: it is read as U+FFFD, as
            // every writer of ChatMock's (answers, the journal, the chat store) has always written it.
            document = JsonDocument.Parse(WithoutLoneSurrogates(span) ?? body, DocumentOptions);
        }
        catch (System.Text.Json.JsonException)
        {
            if (!TryReadSlowly(span, out var token, out violation))
            {
                return false;
            }

            document = NewtonsoftTree.ToDocument(token!);
        }

        var finding = Inspect(document.RootElement, out var pointer);
        if (finding == Finding.TooManyProperties)
        {
            violation = TooManyProperties(pointer);
        }
        else if (finding == Finding.Nothing || TryReadSlowly(span, out _, out violation))
        {
            return true;
        }

        document.Dispose();
        document = null;
        return false;
    }

    /// <summary>What <see cref="Inspect"/> finds first, in the order of the text.</summary>
    private enum Finding
    {
        Nothing,
        TooManyProperties,
        IntegerNewtonsoftRefuses,
        RepeatedName,
    }

    /// <summary>
    /// The first thing in <paramref name="element"/>, in the order of the text, that the document may not hold: a
    /// property name an object has already, an object with more than <see cref="MaxProperties"/> properties (met at
    /// its property past the limit, with its pointer), or an integer longer than Newtonsoft reads (380 characters).
    /// All but the second are worded by the slow reading, as Newtonsoft words them.
    /// </summary>
    private static Finding Inspect(JsonElement element, out string pointer)
    {
        const int NewtonsoftLongestInteger = 380;
        pointer = string.Empty;
        var index = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var repeated = FirstRepeatedName(element);
                foreach (var property in element.EnumerateObject())
                {
                    if (index == repeated)
                    {
                        return Finding.RepeatedName;
                    }

                    if (index++ == MaxProperties)
                    {
                        return Finding.TooManyProperties;
                    }

                    if (Inspect(property.Value, out var inner) is not Finding.Nothing and var found)
                    {
                        pointer = "/" + ContractValidator.EscapePointer(property.Name) + inner;
                        return found;
                    }
                }

                return Finding.Nothing;

            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Inspect(item, out var inner) is not Finding.Nothing and var found)
                    {
                        pointer = "/" + index.ToString(CultureInfo.InvariantCulture) + inner;
                        return found;
                    }

                    index++;
                }

                return Finding.Nothing;

            case JsonValueKind.Number:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                return raw.Length > NewtonsoftLongestInteger && raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 ? Finding.IntegerNewtonsoftRefuses : Finding.Nothing;

            default:
                return Finding.Nothing;
        }
    }

    /// <summary>
    /// The position of the first property of <paramref name="obj"/> whose name an earlier one has (among the first
    /// <see cref="MaxProperties"/> and one: past them the object is refused anyway); -1 when there is none. Names as
    /// written are compared by a hash, then byte for byte; an object with an escaped name, or with many names, by
    /// its names as strings. System.Text.Json's own check allocated on every body and cost 2.5 to 5% of a call.
    /// </summary>
    private static int FirstRepeatedName(JsonElement obj)
    {
        const int Hashed = 32;
        Span<int> hashes = stackalloc int[Hashed];
        var index = 0;
        foreach (var property in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (index == Hashed || name.Contains((byte)'\\'))
            {
                return FirstRepeatedText(obj);
            }

            var hash = new HashCode();
            hash.AddBytes(name);
            hashes[index] = hash.ToHashCode();
            for (var earlier = 0; earlier < index; earlier++)
            {
                if (hashes[earlier] == hashes[index] && NameAt(obj, earlier).SequenceEqual(name))
                {
                    return index;
                }
            }

            index++;
        }

        return -1;
    }

    private static int FirstRepeatedText(JsonElement obj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var property in obj.EnumerateObject())
        {
            if (index > MaxProperties)
            {
                break;
            }

            if (!seen.Add(property.Name))
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    /// <summary>The name, as written, of the property at <paramref name="position"/>.</summary>
    private static ReadOnlySpan<byte> NameAt(JsonElement obj, int position)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (position-- == 0)
            {
                return JsonMarshal.GetRawUtf8PropertyName(property);
            }
        }

        return default;
    }

    /// <summary>
    /// A copy of the body with each escaped surrogate that has no pair (<c>\uD800</c> alone) replaced by
    /// <c>\uFFFD</c>, of the same length; null when there is none.
    /// </summary>
    private static byte[]? WithoutLoneSurrogates(ReadOnlySpan<byte> body)
    {
        byte[]? copy = null;
        var at = body.IndexOf((byte)'\\');
        while (at >= 0 && at + 1 < body.Length)
        {
            if (body[at + 1] != 'u' || !TryEscapedUnit(body, at, out var unit))
            {
                // Another escape (\\, \", \n...): its two bytes.
                at += 2;
            }
            else if (char.IsHighSurrogate(unit) && TryEscapedUnit(body, at + 6, out var next) && char.IsLowSurrogate(next))
            {
                at += 12;
            }
            else
            {
                if (char.IsSurrogate(unit))
                {
                    copy ??= body.ToArray();
                    "\\uFFFD"u8.CopyTo(copy.AsSpan(at));
                }

                at += 6;
            }

            var rest = at < body.Length ? body[at..].IndexOf((byte)'\\') : -1;
            at = rest < 0 ? -1 : at + rest;
        }

        return copy;
    }

    /// <summary>The UTF-16 unit of the <c>\uXXXX</c> escape at <paramref name="at"/>, if there is one there.</summary>
    private static bool TryEscapedUnit(ReadOnlySpan<byte> body, int at, out char unit)
    {
        unit = default;
        if (at + 6 > body.Length || body[at] != '\\' || body[at + 1] != 'u'
            || !ushort.TryParse(body.Slice(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
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
