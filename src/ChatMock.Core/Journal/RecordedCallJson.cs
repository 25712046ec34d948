using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ChatMock.Carriers;
using ChatMock.Engine;
using ChatMock.Messages;

namespace ChatMock.Journal;

/// <summary>
/// A recorded call as JSON: the one format of a call, in which the journal keeps it, the admin API answers it
/// (<c>/__admin/chatmock/calls</c>, the <c>AdminCall</c> schema of openapi.json) and the remote client reads it back.
/// Names are camelCase, as WireMock's admin API and JSON clients expect; the posted and answered <c>ChatMessage</c>s
/// keep SuperOffice's PascalCase, as they went over the wire.
/// </summary>
/// <remarks>
/// The journal keeps each call as these bytes in a buffer it reuses rather than as a dozen objects: calls kept for
/// thousands of requests are what the collector spends its time on (they outlive the youngest generation and are
/// copied and marked again and again), and bytes in a reused buffer give it nothing to do. It keeps every member but
/// the id, which it knows from the call's place; <see cref="WriteKept(Utf8JsonWriter, long, ReadOnlySpan{byte})"/>
/// puts the id in front as it copies the bytes into an answer. What is kept is cut to size: bodies to
/// <see cref="BodyLimit"/> bytes, other texts to <see cref="TextLimit"/> characters, lists to <see cref="ListLimit"/>
/// entries plus one that counts the rest. A body that is not UTF-8 text is kept exactly, in <c>bodyBase64</c>, beside
/// its text with the bad bytes replaced.
/// </remarks>
internal static partial class RecordedCallJson
{
    /// <summary>The most of a request or answer body the journal keeps, in bytes.</summary>
    public const int BodyLimit = 64 * 1024;

    /// <summary>The most of any other text the journal keeps, in characters; a longer one ends with its full length.</summary>
    public const int TextLimit = 8 * 1024;

    /// <summary>The most headers, violations or warnings the journal keeps of one call; one more entry counts the rest.</summary>
    public const int ListLimit = 100;

    /// <summary>The name of the header that stands for the headers past <see cref="ListLimit"/>.</summary>
    public const string CutHeader = "X-ChatMock-Journal-Cut";

    // A buffer grown for one huge call is not kept for the many small ones after it.
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Writes <paramref name="call"/> as the journal keeps it (every member but the id, cut to size) into a buffer of
    /// this thread, valid until the thread's next call.
    /// </summary>
    public static ReadOnlySpan<byte> WriteKept(RecordedCall call)
    {
        var buffer = t_buffer;
        var writer = t_writer;
        if (buffer is null || writer is null || buffer.Capacity > KeptBufferBytes)
        {
            t_buffer = buffer = new ArrayBufferWriter<byte>(2048);
            t_writer = writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions);
        }
        else
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        WriteMembers(writer, call);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Writes <paramref name="call"/> with its id, cut as the journal keeps it.</summary>
    public static void Write(Utf8JsonWriter writer, RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(call);
        writer.WriteStartObject();
        writer.WriteNumber("id", call.Id);
        WriteMembers(writer, call);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a call the journal keeps (<paramref name="kept"/>, as <see cref="WriteKept(RecordedCall)"/> wrote it) with
    /// its id in front, copying the bytes rather than reading them.
    /// </summary>
    public static void WriteKept(Utf8JsonWriter writer, long id, ReadOnlySpan<byte> kept)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // {"timestamp":...} becomes {"id":7,"timestamp":...}
        Span<byte> head = stackalloc byte[32];
        "{\"id\":"u8.CopyTo(head);
        Utf8Formatter.TryFormat(id, head[6..], out var digits);
        head[6 + digits] = (byte)',';
        var headLength = 7 + digits;

        var length = headLength + kept.Length - 1;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            head[..headLength].CopyTo(rented);
            kept[1..].CopyTo(rented.AsSpan(headLength));
            writer.WriteRawValue(rented.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WriteMembers(Utf8JsonWriter writer, RecordedCall call)
    {
        // System.Text.Json writes a UTC DateTime as UtcText does (ISO 8601, Z, no trailing zeros), with no string made.
        writer.WriteString(Name.Timestamp, call.Timestamp.UtcDateTime);
        Milliseconds(writer, Name.DurationMs, call.Duration);
        Text(writer, Name.Operation, call.Operation);

        var request = call.Request;
        writer.WriteStartObject(Name.Request);
        Text(writer, Name.Method, request.Method);
        Text(writer, Name.Path, request.Path);
        Text(writer, Name.Query, request.QueryString);
        WriteHeaders(writer, request.Headers);
        Body(writer, request.BodyUtf8.Span, request.BodyLength);
        writer.WriteEndObject();

        if (call.AddChatMessage is { } posted)
        {
            writer.WriteStartObject(Name.AddChatMessage);
            writer.WriteNumber(Name.ChatSessionId, posted.ChatSessionId);
            writer.WritePropertyName(Name.Message);
            WriteMessage(writer, posted.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Name.AddChatMessage);
        }

        if (call.Credentials is { } credentials)
        {
            writer.WriteStartObject(Name.Credentials);
            Text(writer, Name.Scheme, credentials.Scheme);
            Text(writer, Name.UserName, credentials.UserName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Name.Credentials);
        }

        // Indexed loops: a foreach over these interfaces would allocate an enumerator for every call.
        writer.WriteStartArray(Name.Violations);
        var violations = call.Violations;
        var keptViolations = Math.Min(violations.Count, ListLimit);
        for (var i = 0; i < keptViolations; i++)
        {
            WriteViolation(writer, violations[i].Path, violations[i].Message);
        }

        if (violations.Count > keptViolations)
        {
            WriteViolation(writer, string.Empty, string.Create(CultureInfo.InvariantCulture, $"{violations.Count - keptViolations} more violations not kept."));
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Name.Warnings);
        var warnings = call.Warnings;
        var keptWarnings = Math.Min(warnings.Count, ListLimit);
        for (var i = 0; i < keptWarnings; i++)
        {
            TextValue(writer, warnings[i]);
        }

        if (warnings.Count > keptWarnings)
        {
            writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{warnings.Count - keptWarnings} more warnings not kept."));
        }

        writer.WriteEndArray();
        Milliseconds(writer, Name.DelayMs, call.Delay);
        Text(writer, Name.Fault, call.Fault);

        var response = call.Response;
        writer.WriteStartObject(Name.Response);
        writer.WriteNumber(Name.StatusCode, response.StatusCode);
        Text(writer, Name.ContentType, response.ContentType);
        Body(writer, response.BodyUtf8.Span, response.BodyLength);
        writer.WritePropertyName(Name.ChatMessage);
        if (response is { ChatMessageIsBody: true, ChatMessage: { } answered } && !HasTextToCut(answered, Carrier.ChatMessage.Properties))
        {
            // The answer is the message as the model's writer wrote it (AnswerShaper): its bytes, not a second writing.
            writer.WriteRawValue(response.BodyUtf8.Span, skipInputValidation: true);
        }
        else
        {
            WriteMessage(writer, response.ChatMessage);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes headers as an object, name to value, their secrets redacted (<see cref="HeaderRedaction"/>); a header
    /// sent several times has its values joined by ", ", in the place of its first. WireMock's dialects write them so too.
    /// </summary>
    public static void WriteHeaders(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        writer.WriteStartObject(Name.Headers);
        var kept = Math.Min(headers.Count, ListLimit);
        for (var i = 0; i < kept; i++)
        {
            var (name, value) = headers[i];
            if (IndexOfName(headers, name, 0, i) >= 0)
            {
                continue;
            }

            var next = IndexOfName(headers, name, i + 1, kept);
            if (next < 0)
            {
                Text(writer, name, HeaderRedaction.Redact(name, value));
                continue;
            }

            var joined = new StringBuilder(HeaderRedaction.Redact(name, value));
            for (; next >= 0; next = IndexOfName(headers, name, next + 1, kept))
            {
                joined.Append(", ").Append(HeaderRedaction.Redact(name, headers[next].Value));
            }

            Text(writer, name, joined.ToString());
        }

        if (headers.Count > kept)
        {
            writer.WriteString(CutHeader, string.Create(CultureInfo.InvariantCulture, $"{headers.Count - kept} more headers not kept"));
        }

        writer.WriteEndObject();
    }

    private static int IndexOfName(IReadOnlyList<KeyValuePair<string, string>> headers, string name, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var key = headers[i].Key;
            if (key.Length == name.Length && key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes <c>body</c> (cut at <see cref="BodyLimit"/>), <c>bodyBase64</c> when it is not UTF-8 text, and <c>bodyLength</c>.</summary>
    private static void Body(Utf8JsonWriter writer, ReadOnlySpan<byte> body, long length)
    {
        var kept = body[..Math.Min(body.Length, BodyLimit)];
        writer.WriteString(Name.Body, kept);
        if (!Utf8.IsValid(kept))
        {
            // The writer put U+FFFD for the bad bytes in the text; these give back the bytes themselves.
            writer.WriteBase64String(Name.BodyBase64, kept);
        }

        writer.WriteNumber(Name.BodyLength, Math.Max(length, body.Length));
    }

    /// <summary>
    /// Writes <paramref name="value"/>'s <see cref="TimeSpan.TotalMilliseconds"/> as the writer writes that double, but
    /// from the ticks, in decimal: a tick is 0.0001 ms, so the number has at most four decimals, and up to 15 digits
    /// in all such a decimal is the double's shortest form. Formatting the double took about a tenth of the journal's time.
    /// </summary>
    internal static void Milliseconds(Utf8JsonWriter writer, JsonEncodedText name, TimeSpan value)
    {
        const long MostExactTicks = 999_999_999_999_999;
        var ticks = value.Ticks;
        if (ticks is < 0 or > MostExactTicks)
        {
            writer.WriteNumber(name, value.TotalMilliseconds);
            return;
        }

        Span<byte> text = stackalloc byte[24];
        Utf8Formatter.TryFormat(ticks / TimeSpan.TicksPerMillisecond, text, out var length);
        var fraction = ticks % TimeSpan.TicksPerMillisecond;
        if (fraction != 0)
        {
            text[length++] = (byte)'.';
            for (var unit = TimeSpan.TicksPerMillisecond / 10; fraction != 0; unit /= 10)
            {
                text[length++] = (byte)('0' + (fraction / unit));
                fraction %= unit;
            }
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteViolation(Utf8JsonWriter writer, string path, string message)
    {
        writer.WriteStartObject();
        Text(writer, Name.Path, path);
        Text(writer, Name.ViolationMessage, message);
        writer.WriteEndObject();
    }

    // A message is written from its one description (Carrier): by the model's source-generated writer, or property by
    // property in the carrier's order when a text must be cut.
    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage? message)
    {
        if (message is null)
        {
            writer.WriteNullValue();
            return;
        }

        var properties = Carrier.ChatMessage.Properties;
        if (!HasTextToCut(message, properties))
        {
            JsonSerializer.Serialize(writer, message, CarrierJson.Default.ChatMessage);
            return;
        }

        writer.WriteStartObject();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var name = Name.MessageProperties[i];
            switch (property.Get(message))
            {
                case null:
                    writer.WriteNull(name);
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case string text:
                    Text(writer, name, text);
                    break;
                case var other:
                    throw new InvalidOperationException($"The journal keeps ChatMessage.{property.Name} of type {other.GetType().Name} in no form.");
            }
        }

        writer.WriteEndObject();
    }

    private static bool HasTextToCut(ChatMessage message, IReadOnlyList<CarrierProperty> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Kind == CarrierValueKind.Text && properties[i].Get(message) is string { Length: > TextLimit })
            {
                return true;
            }
        }

        return false;
    }

    private static void Text(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        writer.WritePropertyName(name);
        TextValue(writer, value);
    }

    private static void Text(Utf8JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        TextValue(writer, value);
    }

    private static void TextValue(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (value.Length > TextLimit)
        {
            writer.WriteStringValue(string.Concat(value.AsSpan(0, TextLimit), string.Create(CultureInfo.InvariantCulture, $"… (cut: {value.Length} characters in all)")));
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
