using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;

namespace ChatMock.Server.Page;

/// <summary>The stream's events other than <c>calls</c> (see <see cref="LivePageCallBatch"/>), each written whole into a buffer.</summary>
/// <remarks>An event is its name, the id <c>instance:callId</c> when it covers calls, and one line of JSON data.</remarks>
internal sealed class LivePageEvents(string instance)
{
    /// <summary>Gets the id of the server instance that the events' ids name.</summary>
    public string Instance { get; } = instance;

    /// <summary>
    /// Writes <c>hello</c>, the first event of a connection: the instance, the newest id, whether the server restarted
    /// since the id the client resumed from, the id it resumed from, and how the stream runs.
    /// </summary>
    public void Hello(ArrayBufferWriter<byte> writer, long newest, bool restarted, long? resumedFrom, int keep, int capacity, long? chatVersion) =>
        Write(writer, "hello", null, json =>
        {
            json.WriteStartObject();
            json.WriteString("instance", Instance);
            json.WriteNumber("lastId", newest);
            json.WriteBoolean("restarted", restarted);
            if (resumedFrom is { } from)
            {
                json.WriteNumber("resumedFrom", from);
            }
            else
            {
                json.WriteNull("resumedFrom");
            }

            json.WriteNumber("keep", keep);
            json.WriteNumber("capacity", capacity);
            json.WriteNumber("pollMs", LivePageStream.PollInterval.TotalMilliseconds);
            if (chatVersion is { } version)
            {
                json.WriteNumber("chatVersion", version);
            }
            else
            {
                json.WriteNull("chatVersion");
            }

            json.WriteEndObject();
        });

    /// <summary>Writes <c>cleared</c>: the journal was cleared; <paramref name="lastId"/> is its newest id now.</summary>
    public void Cleared(ArrayBufferWriter<byte> writer, long lastId) =>
        Write(writer, "cleared", null, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("lastId", lastId);
            json.WriteEndObject();
        });

    /// <summary>Writes <c>gap</c>: the calls <paramref name="from"/> to <paramref name="to"/> will not be sent, and why.</summary>
    public void Gap(ArrayBufferWriter<byte> writer, long from, long to, string reason, string message) =>
        Write(writer, "gap", to, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("from", from);
            json.WriteNumber("to", to);
            json.WriteString("reason", reason);
            json.WriteString("message", message);
            json.WriteEndObject();
        });

    /// <summary>Writes <c>chat</c>: the chat store changed; <paramref name="version"/> is its version, or null for a store without one.</summary>
    public void Chat(ArrayBufferWriter<byte> writer, long? version) =>
        Write(writer, "chat", null, json =>
        {
            json.WriteStartObject();
            if (version is { } known)
            {
                json.WriteNumber("version", known);
            }
            else
            {
                json.WriteNull("version");
            }

            json.WriteEndObject();
        });

    /// <summary>Writes one event: its name, its id when it covers calls, and what <paramref name="data"/> writes as its JSON.</summary>
    private void Write(ArrayBufferWriter<byte> writer, string name, long? id, Action<Utf8JsonWriter> data)
    {
        writer.Write(Encoding.UTF8.GetBytes("event: " + name + "\n"));
        if (id is { } callId)
        {
            writer.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {Instance}:{callId}\n")));
        }

        writer.Write("data: "u8);

        // One line of JSON: the writer escapes every line break inside strings.
        using (var json = new Utf8JsonWriter(writer, JsonBytes.WriterOptions))
        {
            data(json);
        }

        writer.Write("\n\n"u8);
    }
}
