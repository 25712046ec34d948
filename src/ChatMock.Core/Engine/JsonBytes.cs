using System.Buffers;
using System.Text.Json;
using System.Text.Encodings.Web;

namespace ChatMock.Engine;

/// <summary>
/// Writes small JSON documents (answers, error envelopes) to an exactly sized array, through one buffer and one
/// <see cref="Utf8JsonWriter"/> per thread instead of a new pair per call.
/// </summary>
internal static class JsonBytes
{
    /// <summary>
    /// Non-ASCII text is written as is (UTF-8), not as \u escapes: the answers are JSON for API clients, never
    /// inlined into HTML, so readable names such as "Kari Nordmann Ø." matter more than HTML-safe escaping.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        write(writer, state);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();

        // A rare large document (a long list of violations) should not stay allocated for the life of the thread.
        if (buffer.Capacity > KeptBufferBytes)
        {
            t_buffer = null;
            t_writer = null;
        }

        return bytes;
    }
}
