using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatMock.Journal;

/// <summary>
/// Writes the journal's texts as JSON strings: escaped here (only what JSON requires: <c>"</c>, <c>\</c> and the
/// control characters) and copied into the writer as they are, rather than through <see cref="Utf8JsonWriter"/>'s
/// encoder.
/// </summary>
/// <remarks>
/// A hack for the engine's budget, in this one place. Recording a call writes two bodies and some thirty texts; JSON
/// bodies are full of quotes, and once the writer meets one it escapes the rest of the text a character at a time
/// through its encoder. Measured with <c>bench/callgrind.sh posted</c>: recording took 85,897 instructions of the
/// call's 219,607 through the writer's encoder, against 22,745 with the binary format this JSON replaced. A text is
/// read back alike either way (<c>JournalTextTests</c> checks it against the writer's own strings).
/// </remarks>
internal static class JournalText
{
    // What JSON requires escaped: the quote, the backslash and the control characters.
    private static readonly SearchValues<byte> Escaped = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // Texts up to this many characters (and UTF-8 texts up to this many bytes) are escaped on the stack.
    private const int SmallText = 128;

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    /// <summary>Writes <paramref name="text"/> as a JSON string value; a lone surrogate becomes U+FFFD, as the writer does.</summary>
    public static void WriteValue(Utf8JsonWriter writer, string text)
    {
        if (text.Length <= SmallText)
        {
            Span<byte> bytes = stackalloc byte[SmallText * 3];
            WriteValue(writer, bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            WriteValue(writer, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes <paramref name="utf8"/>, which must be valid UTF-8, as a JSON string value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        // At most six bytes a byte (\u001F), and the quotes.
        var room = (utf8.Length * 6) + 2;
        var rented = room > SmallText * 6 ? ArrayPool<byte>.Shared.Rent(room) : null;
        try
        {
            var output = rented ?? stackalloc byte[SmallText * 6];
            output[0] = (byte)'"';
            var written = 1;
            while (true)
            {
                var next = utf8.IndexOfAny(Escaped);
                if (next < 0)
                {
                    utf8.CopyTo(output[written..]);
                    written += utf8.Length;
                    break;
                }

                utf8[..next].CopyTo(output[written..]);
                written += next;
                written += Escape(utf8[next], output[written..]);
                utf8 = utf8[(next + 1)..];
            }

            output[written++] = (byte)'"';
            writer.WriteRawValue(output[..written], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Escape(byte value, Span<byte> output)
    {
        output[0] = (byte)'\\';
        var shortForm = value switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            output[1] = shortForm;
            return 2;
        }

        "u00"u8.CopyTo(output[1..]);
        output[4] = Hex[value >> 4];
        output[5] = Hex[value & 0xF];
        return 6;
    }
}
