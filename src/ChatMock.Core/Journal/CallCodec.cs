using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ChatMock.Contracts;
using ChatMock.Carriers;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>
/// Writes a <see cref="RecordedCall"/> as bytes and reads it back, for the journal to keep each call as bytes in a
/// buffer it reuses rather than as a dozen objects: calls kept for thousands of requests are what the garbage
/// collector spends its time on (they outlive the youngest generation and have to be copied and marked again and
/// again), and bytes in a reused buffer give it nothing to do.
/// </summary>
/// <remarks>
/// The layout is private to this class and never leaves the process: every field in a fixed order; numbers as
/// little-endian integers or 7-bit variable-length counts; a string as its UTF-8 length plus one (0 for null) and
/// its bytes; an optional part behind a 0 or 1 byte.
/// </remarks>
internal static class CallCodec
{
    /// <summary>The most of a request or answer body the journal keeps, in bytes.</summary>
    public const int BodyLimit = 64 * 1024;

    /// <summary>The most of any other text the journal keeps, in characters; a longer one ends with its full length.</summary>
    public const int TextLimit = 8 * 1024;

    /// <summary>The most headers, violations or warnings the journal keeps of one call; one more entry counts the rest.</summary>
    public const int ListLimit = 100;

    /// <summary>The name of the header that stands for the headers past <see cref="ListLimit"/>.</summary>
    public const string CutHeader = "X-ChatMock-Journal-Cut";

    [ThreadStatic]
    private static Writer? s_writer;

    /// <summary>Writes <paramref name="call"/> (all but its id) into a buffer of this thread, valid until the next call.</summary>
    public static ReadOnlySpan<byte> Write(RecordedCall call)
    {
        var writer = s_writer ??= new Writer();
        writer.Reset();
        writer.Int64(call.Timestamp.UtcTicks);
        writer.Int64((long)call.Timestamp.Offset.TotalMinutes);
        writer.Int64(call.Duration.Ticks);

        // The summary first, so that filters read it without the rest (ReadSummary).
        writer.Int64(call.Response.StatusCode);
        writer.String(call.Operation);
        writer.Flag(call.AddChatMessage is not null);
        writer.Int64(call.AddChatMessage?.ChatSessionId ?? 0);
        writer.Count(call.Violations.Count);

        var request = call.Request;
        writer.String(request.Method);
        writer.String(request.Path);
        writer.String(request.QueryString);
        // Indexed loops: a foreach over these interfaces would allocate an enumerator for every call.
        var headers = request.Headers;
        var keptHeaders = Math.Min(headers.Count, ListLimit);
        writer.Count(keptHeaders + (headers.Count > keptHeaders ? 1 : 0));
        for (var i = 0; i < keptHeaders; i++)
        {
            writer.String(headers[i].Key);
            writer.String(headers[i].Value);
        }

        if (headers.Count > keptHeaders)
        {
            writer.String(CutHeader);
            writer.String(string.Create(CultureInfo.InvariantCulture, $"{headers.Count - keptHeaders} more headers not kept"));
        }

        var requestBody = request.BodyUtf8.Span;
        writer.Bytes(requestBody[..Math.Min(requestBody.Length, BodyLimit)]);
        writer.Int64(Math.Max(request.BodyLength, requestBody.Length));

        if (call.AddChatMessage is { } added)
        {
            Message(writer, added.Message);
        }

        var violations = call.Violations;
        var keptViolations = Math.Min(violations.Count, ListLimit);
        writer.Count(keptViolations + (violations.Count > keptViolations ? 1 : 0));
        for (var i = 0; i < keptViolations; i++)
        {
            writer.String(violations[i].Path);
            writer.String(violations[i].Message);
        }

        if (violations.Count > keptViolations)
        {
            writer.String(string.Empty);
            writer.String(string.Create(CultureInfo.InvariantCulture, $"{violations.Count - keptViolations} more violations not kept."));
        }

        var warnings = call.Warnings;
        var keptWarnings = Math.Min(warnings.Count, ListLimit);
        writer.Count(keptWarnings + (warnings.Count > keptWarnings ? 1 : 0));
        for (var i = 0; i < keptWarnings; i++)
        {
            writer.String(warnings[i]);
        }

        if (warnings.Count > keptWarnings)
        {
            writer.String(string.Create(CultureInfo.InvariantCulture, $"{warnings.Count - keptWarnings} more warnings not kept."));
        }

        writer.Flag(call.Credentials is not null);
        if (call.Credentials is { } credentials)
        {
            writer.String(credentials.Scheme);
            writer.String(credentials.UserName);
        }

        writer.Int64(call.Delay.Ticks);
        writer.String(call.Fault);

        var response = call.Response;
        writer.String(response.ContentType);
        var responseBody = response.BodyUtf8.Span;
        writer.Bytes(responseBody[..Math.Min(responseBody.Length, BodyLimit)]);
        writer.Int64(Math.Max(response.BodyLength, responseBody.Length));
        Message(writer, response.ChatMessage);
        return writer.Written;
    }

    /// <summary>Reads back what <see cref="Write"/> wrote, as a call with id <paramref name="id"/>.</summary>
    public static RecordedCall Read(ReadOnlySpan<byte> bytes, long id)
    {
        var reader = new Reader(bytes);
        var timestamp = new DateTimeOffset(reader.Int64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.Int64()));
        var duration = TimeSpan.FromTicks(reader.Int64());
        var status = (int)reader.Int64();
        var operation = reader.String();
        var hasAdded = reader.Flag();
        var sessionId = (int)reader.Int64();
        _ = reader.Count();

        var method = reader.String()!;
        var path = reader.String()!;
        var query = reader.String()!;
        var headers = new KeyValuePair<string, string>[reader.Count()];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = new(reader.String()!, reader.String()!);
        }

        var request = new RecordedRequest
        {
            Method = method,
            Path = path,
            QueryString = query,
            Headers = headers,
            BodyUtf8 = reader.Bytes(),
            BodyLength = reader.Int64(),
        };

        var added = hasAdded ? new AddChatMessageRequest(sessionId, Message(ref reader)) : null;

        var violations = new ContractViolation[reader.Count()];
        for (var i = 0; i < violations.Length; i++)
        {
            violations[i] = new ContractViolation(reader.String()!, reader.String()!);
        }

        var warnings = new string[reader.Count()];
        for (var i = 0; i < warnings.Length; i++)
        {
            warnings[i] = reader.String()!;
        }

        var credentials = reader.Flag() ? new Credentials(reader.String()!, reader.String()) : null;
        var delay = TimeSpan.FromTicks(reader.Int64());
        var fault = reader.String();
        var contentType = reader.String()!;
        var responseBody = reader.Bytes();
        var responseLength = reader.Int64();
        return new RecordedCall
        {
            Id = id,
            Timestamp = timestamp,
            Duration = duration,
            Request = request,
            Operation = operation,
            AddChatMessage = added,
            Violations = violations,
            Warnings = warnings,
            Credentials = credentials,
            Delay = delay,
            Fault = fault,
            Response = new RecordedResponse
            {
                StatusCode = status,
                ContentType = contentType,
                BodyUtf8 = responseBody,
                BodyLength = responseLength,
                ChatMessage = Message(ref reader),
            },
        };
    }

    /// <summary>Reads only what <see cref="CallSummary"/> holds, from the start of what <see cref="Write"/> wrote.</summary>
    public static CallSummary ReadSummary(ReadOnlySpan<byte> bytes, long id)
    {
        var reader = new Reader(bytes);
        _ = reader.Int64();
        _ = reader.Int64();
        _ = reader.Int64();
        var status = (int)reader.Int64();
        var operation = reader.Utf8();
        var hasAdded = reader.Flag();
        var sessionId = (int)reader.Int64();
        return new CallSummary(id, status, operation, hasAdded ? sessionId : null, reader.Count());
    }

    // A message is written property by property in the carrier's order, from its one description (Carrier).
    private static void Message(Writer writer, ChatMessage? message)
    {
        writer.Flag(message is not null);
        if (message is null)
        {
            return;
        }

        var properties = Carrier.ChatMessage.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var value = properties[i].Get(message);
            if (properties[i].Kind == CarrierValueKind.Integer)
            {
                writer.OptionalInt((int?)value);
            }
            else
            {
                writer.String((string?)value);
            }
        }
    }

    private static ChatMessage? Message(ref Reader reader)
    {
        if (!reader.Flag())
        {
            return null;
        }

        var message = new ChatMessage();
        foreach (var property in Carrier.ChatMessage.Properties)
        {
            property.Metadata.Set!(message, property.Kind == CarrierValueKind.Integer ? reader.OptionalInt() : reader.String());
        }

        return message;
    }

    /// <summary>A byte buffer that grows as it is written; reused from call to call on one thread.</summary>
    private sealed class Writer
    {
        private byte[] _buffer = new byte[2048];
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset()
        {
            // A buffer grown for one huge call is not kept for the many small ones after it.
            if (_buffer.Length > 256 * 1024)
            {
                _buffer = new byte[2048];
            }

            _length = 0;
        }

        public void Flag(bool value) => Room(1)[0] = value ? (byte)1 : (byte)0;

        public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Room(8), value);

        public void OptionalInt(int? value)
        {
            Flag(value.HasValue);
            if (value is { } number)
            {
                Int64(number);
            }
        }

        public void Count(int value)
        {
            var remaining = (uint)value;
            while (remaining >= 0x80)
            {
                Room(1)[0] = (byte)(remaining | 0x80);
                remaining >>= 7;
            }

            Room(1)[0] = (byte)remaining;
        }

        public void String(string? value)
        {
            if (value is null)
            {
                Count(0);
                return;
            }

            if (value.Length > TextLimit)
            {
                value = string.Concat(value.AsSpan(0, TextLimit), string.Create(CultureInfo.InvariantCulture, $"… (cut: {value.Length} characters in all)"));
            }

            var length = Encoding.UTF8.GetByteCount(value);
            Count(length + 1);
            Encoding.UTF8.GetBytes(value, Room(length));
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Count(value.Length);
            value.CopyTo(Room(value.Length));
        }

        /// <summary>Returns the next <paramref name="size"/> bytes to write, and counts them as written.</summary>
        private Span<byte> Room(int size)
        {
            if (_length + size > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
            }

            var room = _buffer.AsSpan(_length, size);
            _length += size;
            return room;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public bool Flag() => Take(1)[0] != 0;

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public int? OptionalInt() => Flag() ? (int)Int64() : null;

        public int Count()
        {
            var value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var part = Take(1)[0];
                value |= (part & 0x7F) << shift;
                if (part < 0x80)
                {
                    return value;
                }
            }
        }

        public string? String()
        {
            var length = Count();
            return length == 0 ? null : Encoding.UTF8.GetString(Take(length - 1));
        }

        public byte[] Bytes() => Take(Count()).ToArray();

        /// <summary>A string's UTF-8 bytes, without making a string of them; null is empty.</summary>
        public ReadOnlySpan<byte> Utf8()
        {
            var length = Count();
            return length == 0 ? default : Take(length - 1);
        }

        private ReadOnlySpan<byte> Take(int size)
        {
            var taken = _bytes.Slice(_position, size);
            _position += size;
            return taken;
        }
    }
}
