using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Journal;

namespace ChatMock.Server.Page;

/// <summary>One <c>calls</c> event being written: opened by its first call, ended with the id of its last.</summary>
/// <remarks>
/// Each call is written as soon as it is added, and not kept; after <see cref="End"/> the next call opens a new event,
/// on the same JSON writer.
/// </remarks>
internal sealed class LivePageCallBatch(ArrayBufferWriter<byte> writer, string instance) : IDisposable
{
    private Utf8JsonWriter? _json;
    private long _lastId;

    /// <summary>Gets how many calls the open event holds (0 when none is open).</summary>
    public int Count { get; private set; }

    /// <summary>Writes <paramref name="call"/>'s summary, opening the event if it is the first.</summary>
    public void Add(RecordedCall call)
    {
        if (Count == 0)
        {
            writer.Write("event: calls\ndata: "u8);
            if (_json is null)
            {
                _json = new Utf8JsonWriter(writer, JsonBytes.WriterOptions);
            }
            else
            {
                _json.Reset(writer);
            }

            _json.WriteStartArray();
        }

        LivePageCallSummary.Write(_json!, call);
        _lastId = call.Id;
        Count++;
    }

    /// <summary>Ends the open event with the id of its last call; does nothing when none is open.</summary>
    public void End()
    {
        if (Count == 0)
        {
            return;
        }

        _json!.WriteEndArray();
        _json.Flush();
        writer.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\nid: {instance}:{_lastId}\n\n")));
        Count = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => _json?.Dispose();
}
