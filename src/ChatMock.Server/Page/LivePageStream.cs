using ChatMock.Answers;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatMock.Server.Page;

/// <summary>
/// The page's stream of calls, as server-sent events read from the journal on a short timer (never from the request
/// path, so a page open costs the calls nothing): each connection keeps the id of the last call it sent and reads the
/// newer ones with <see cref="ICallJournal.Find"/>, in batches.
/// </summary>
/// <remarks>
/// Events: <c>hello</c> (the instance, the newest id, whether the server restarted since the id the client resumed
/// from), <c>calls</c> (a JSON array of call summaries), <c>gap</c> (ids the client will not get, and why) and
/// <c>cleared</c> (the journal was cleared), and <c>chat</c> (the chat store changed: a message stored, a session
/// made, changed, deleted or evicted, the state reset; the page then reads <c>sessions</c> again). <c>calls</c> and <c>gap</c> carry the id <c>instance:callId</c> of the
/// newest call they cover, so a client resuming with <c>Last-Event-ID</c> gets neither duplicates nor silent gaps; a
/// <c>Last-Event-ID</c> of another instance means the server restarted and ids began again.
/// </remarks>
internal sealed class LivePageStream(ICallJournal journal, string instance, Func<long>? chatVersion = null)
{
    public const int DefaultKeep = 1000;
    public const int MaxKeep = 10_000;

    /// <summary>How often each connection looks for new calls; what piles up between two looks goes as one batch.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// The most calls one look sends: 750 per 150 ms is 5,000 calls a second, what the page is built to keep up with.
    /// Beyond that the stream sends the newest calls and a gap for the rest, so that an open page costs the server
    /// a bounded share of its time however fast calls come (each call sent is read back from the journal and written
    /// as JSON: a few microseconds).
    /// </summary>
    public const int MaxCallsPerLook = 750;

    private const int BatchSize = 500;
    private const int HeartbeatTicks = 100;

    /// <summary>For a chat store without a version, how many looks between two <c>chat</c> events (about a second).</summary>
    internal const int UnversionedChatTicks = 7;

    private static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    public async Task RunAsync(HttpContext context)
    {
        if (!TryReadKeep(context.Request.Query, out var keep, out var problem))
        {
            await AdminHttp.BadRequestAsync(context, problem!).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        // The server stopping ends the stream, so that it does not hold the shutdown up.
        var stopping = context.RequestServices?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = ended.Token;

        var resumed = ParseLastEventId(context.Request.Headers["Last-Event-ID"].ToString(), out var resumedInstance, out var resumedId);
        var newest = journal.LastId;
        var sameInstance = resumed && string.Equals(resumedInstance, instance, StringComparison.Ordinal) && resumedId <= newest;
        // A new client starts at the oldest call the journal still holds (ids are consecutive), at most `keep` back.
        var cursor = sameInstance ? resumedId : newest - Math.Min(keep, journal.Count);
        var state = new State(cursor, journal.TotalRecorded) { ChatVersion = chatVersion?.Invoke() ?? 0 };

        var writer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            Hello(writer, newest, restarted: resumed && !sameInstance, resumedFrom: sameInstance ? resumedId : null, keep);
            await FlushAsync(response, writer, token).ConfigureAwait(false);

            // A timer of its own, not the engine's clock: this is how often to look, not a time anything records.
            using var timer = new PeriodicTimer(PollInterval);
            var ticks = 0;
            do
            {
                Collect(writer, state, keep);
                CollectChat(writer, state);
                if (writer.WrittenCount == 0 && ++ticks % HeartbeatTicks == 0)
                {
                    writer.Write(Heartbeat);
                }

                await FlushAsync(response, writer, token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page went away or the server is stopping: the stream just ends.
        }
        catch (IOException) when (token.IsCancellationRequested || context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes the events for what the journal got since <paramref name="state"/>'s cursor, and moves it on.</summary>
    internal void Collect(ArrayBufferWriter<byte> writer, State state, int keep)
    {
        var total = journal.TotalRecorded;
        if (total < state.Total)
        {
            WriteEvent(writer, "cleared", null, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("lastId", journal.LastId);
                json.WriteEndObject();
            });
        }

        state.Total = total;
        var newest = journal.LastId;
        if (newest <= state.Cursor)
        {
            return;
        }

        var limit = Math.Min(keep, MaxCallsPerLook);
        if (newest - state.Cursor > limit)
        {
            // The page keeps only the newest `keep` calls, and takes at most 5,000 a second: the rest is not sent.
            var skippedTo = newest - limit;
            Gap(writer, state.Cursor + 1, skippedTo, "skipped", string.Create(
                CultureInfo.InvariantCulture,
                $"{skippedTo - state.Cursor} calls came faster than the page is sent them (at most {MaxCallsPerLook} every {PollInterval.TotalMilliseconds} ms, and keep={keep}); the newest {limit} follow."));
            state.Cursor = skippedTo;
        }

        // Each call is written as soon as it is read, and not kept: calls held for a whole look would outlive the
        // collector's youngest generation under load, and copying them on is what costs (see CallJournal).
        using var batch = new Batch(writer, instance);
        long goneFrom = 0;
        for (var id = state.Cursor + 1; id <= newest; id++)
        {
            if (journal.Find(id) is not { } call)
            {
                batch.End();
                goneFrom = goneFrom == 0 ? id : goneFrom;
                continue;
            }

            if (goneFrom != 0)
            {
                Gap(writer, goneFrom, id - 1, "gone", $"{id - goneFrom} calls left the journal (cleared, or dropped when it was full) before the page read them.");
                goneFrom = 0;
            }

            batch.Add(call);
            if (batch.Count == BatchSize)
            {
                batch.End();
            }
        }

        batch.End();
        if (goneFrom != 0)
        {
            Gap(writer, goneFrom, newest, "gone", $"{newest - goneFrom + 1} calls left the journal (cleared, or dropped when it was full) before the page read them.");
        }

        state.Cursor = newest;
    }

    /// <summary>
    /// Writes one <c>chat</c> event when the chat store changed since the last look (however many changes came), so
    /// that the page reads the sessions again; with a store that has no version, every <see cref="UnversionedChatTicks"/> looks.
    /// </summary>
    internal void CollectChat(ArrayBufferWriter<byte> writer, State state)
    {
        long? version;
        if (chatVersion is null)
        {
            if (++state.ChatTicks % UnversionedChatTicks != 0)
            {
                return;
            }

            version = null;
        }
        else
        {
            var now = chatVersion();
            if (now == state.ChatVersion)
            {
                return;
            }

            state.ChatVersion = now;
            version = now;
        }

        WriteEvent(writer, "chat", null, json =>
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
    }

    internal static bool ParseLastEventId(string value, out string instanceId, out long callId)
    {
        instanceId = string.Empty;
        callId = 0;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out callId))
        {
            return false;
        }

        instanceId = value[..colon];
        return true;
    }

    private static bool TryReadKeep(IQueryCollection query, out int keep, out string? problem)
    {
        keep = DefaultKeep;
        problem = null;
        foreach (var (name, values) in query)
        {
            if (!string.Equals(name, "keep", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"The query parameter '{name}' is not known here; the stream takes keep=<calls> (1 to {MaxKeep}).";
                return false;
            }

            if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out keep) || keep is < 1 or > MaxKeep)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"keep must be a number of calls from 1 to {MaxKeep}; it was '{values}'.");
                return false;
            }
        }

        return true;
    }

    private static async Task FlushAsync(HttpResponse response, ArrayBufferWriter<byte> writer, CancellationToken token)
    {
        if (writer.WrittenCount == 0)
        {
            return;
        }

        await response.Body.WriteAsync(writer.WrittenMemory, token).ConfigureAwait(false);
        await response.Body.FlushAsync(token).ConfigureAwait(false);
        writer.ResetWrittenCount();
    }

    private void Hello(ArrayBufferWriter<byte> writer, long newest, bool restarted, long? resumedFrom, int keep) =>
        WriteEvent(writer, "hello", null, json =>
        {
            json.WriteStartObject();
            json.WriteString("instance", instance);
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
            json.WriteNumber("capacity", journal.Capacity);
            json.WriteNumber("pollMs", PollInterval.TotalMilliseconds);
            if (chatVersion is null)
            {
                json.WriteNull("chatVersion");
            }
            else
            {
                json.WriteNumber("chatVersion", chatVersion());
            }

            json.WriteEndObject();
        });

    private void Gap(ArrayBufferWriter<byte> writer, long from, long to, string reason, string message) =>
        WriteEvent(writer, "gap", to, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("from", from);
            json.WriteNumber("to", to);
            json.WriteString("reason", reason);
            json.WriteString("message", message);
            json.WriteEndObject();
        });

    private void WriteEvent(ArrayBufferWriter<byte> writer, string name, long? id, Action<Utf8JsonWriter> data)
    {
        writer.Write(Encoding.UTF8.GetBytes("event: " + name + "\n"));
        if (id is { } callId)
        {
            writer.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {instance}:{callId}\n")));
        }

        writer.Write("data: "u8);

        // One line of JSON: the writer escapes every line break inside strings.
        using (var json = new Utf8JsonWriter(writer, JsonBytes.WriterOptions))
        {
            data(json);
        }

        writer.Write("\n\n"u8);
    }

    /// <summary>What the list, the filters, the search and the conversations need of one call; the rest is fetched when it is opened.</summary>
    private static void WriteSummary(Utf8JsonWriter json, RecordedCall call)
    {
        json.WriteStartObject();
        json.WriteNumber("id", call.Id);
        json.WriteString("time", UtcText.Format(call.Timestamp));
        json.WriteString("method", call.Request.Method);
        json.WriteString("path", call.Request.Path);
        json.WriteString("query", call.Request.QueryString);
        json.WriteString("operation", call.Operation);
        json.WriteNumber("status", call.Response.StatusCode);
        json.WriteNumber("durationMs", Math.Round(call.Duration.TotalMilliseconds, 3));
        if (call.AddChatMessage is { } posted)
        {
            json.WriteNumber("session", posted.ChatSessionId);
            json.WritePropertyName("sent");
            WriteMessage(json, posted.Message);
        }
        else
        {
            json.WriteNull("session");
            json.WriteNull("sent");
        }

        json.WritePropertyName("answer");
        WriteMessage(json, call.Response.ChatMessage);
        json.WriteStartArray("violations");
        foreach (var violation in call.Violations)
        {
            json.WriteStartObject();
            json.WriteString("path", violation.Path);
            json.WriteString("message", violation.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("warnings", call.Warnings.Count);
        json.WriteString("fault", call.Fault);
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage? message)
    {
        if (message is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        if (message.ChatMessageId is { } id)
        {
            json.WriteNumber("id", id);
        }

        json.WriteString("type", message.Type);
        json.WriteString("text", message.Message);
        json.WriteString("author", message.Author);
        json.WriteString("when", message.WhenPosted);
        json.WriteEndObject();
    }

    /// <summary>One <c>calls</c> event being written: opened by its first call, ended with the id of its last.</summary>
    private sealed class Batch(ArrayBufferWriter<byte> writer, string instance) : IDisposable
    {
        private Utf8JsonWriter? _json;
        private long _lastId;

        public int Count { get; private set; }

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

            WriteSummary(_json!, call);
            _lastId = call.Id;
            Count++;
        }

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

        public void Dispose() => _json?.Dispose();
    }

    /// <summary>Where one connection is: the id of the last call it covered, and the journal's count at its last look.</summary>
    internal sealed class State(long cursor, long total)
    {
        public long Cursor { get; set; } = cursor;

        public long Total { get; set; } = total;

        /// <summary>Gets or sets the chat store's version at the last look.</summary>
        public long ChatVersion { get; set; }

        /// <summary>Gets or sets how many looks were made, for a chat store without a version.</summary>
        public int ChatTicks { get; set; }
    }
}
