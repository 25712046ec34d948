using System.Buffers;
using System.Globalization;
using ChatMock.Journal;
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
    /// <summary>How many calls the page keeps, and a new connection is sent, unless it asks for another number (<c>keep</c>).</summary>
    public const int DefaultKeep = 1000;

    /// <summary>The most calls a page may ask to keep.</summary>
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

    /// <summary>Writes the events other than <c>calls</c>, with ids that name this instance.</summary>
    private readonly LivePageEvents _events = new(instance);

    /// <summary>Answers one connection: checks <c>keep</c>, sends <c>hello</c>, then what comes, until the page goes away or the server stops.</summary>
    public async Task RunAsync(HttpContext context)
    {
        if (!LivePageQuery.TryReadCount(context.Request.Query, "keep", "calls", DefaultKeep, MaxKeep, out var keep, out var problem))
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
        var sameInstance = resumed && string.Equals(resumedInstance, _events.Instance, StringComparison.Ordinal) && resumedId <= newest;
        // A new client starts at the oldest call the journal still holds (ids are consecutive), at most `keep` back.
        var cursor = sameInstance ? resumedId : newest - Math.Min(keep, journal.Count);
        var state = new State(cursor, journal.TotalRecorded) { ChatVersion = chatVersion?.Invoke() ?? 0 };

        var writer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            _events.Hello(writer, newest, restarted: resumed && !sameInstance, resumedFrom: sameInstance ? resumedId : null, keep, journal.Capacity, chatVersion?.Invoke());
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
            _events.Cleared(writer, journal.LastId);
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
            _events.Gap(writer, state.Cursor + 1, skippedTo, "skipped", string.Create(
                CultureInfo.InvariantCulture,
                $"{skippedTo - state.Cursor} calls came faster than the page is sent them (at most {MaxCallsPerLook} every {PollInterval.TotalMilliseconds} ms, and keep={keep}); the newest {limit} follow."));
            state.Cursor = skippedTo;
        }

        // Each call is written as soon as it is read, and not kept: calls held for a whole look would outlive the
        // collector's youngest generation under load, and copying them on is what costs (see CallJournal).
        using var batch = new LivePageCallBatch(writer, _events.Instance);
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
                _events.Gap(writer, goneFrom, id - 1, "gone", $"{id - goneFrom} calls left the journal (cleared, or dropped when it was full) before the page read them.");
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
            _events.Gap(writer, goneFrom, newest, "gone", $"{newest - goneFrom + 1} calls left the journal (cleared, or dropped when it was full) before the page read them.");
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

        _events.Chat(writer, version);
    }

    /// <summary>Reads a <c>Last-Event-ID</c> of the form <c>instance:callId</c>; false for anything else.</summary>
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

    /// <summary>Sends what <paramref name="writer"/> holds, if anything, and empties it.</summary>
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

    /// <summary>Where one connection is: the id of the last call it covered, and the journal's count at its last look.</summary>
    internal sealed class State(long cursor, long total)
    {
        /// <summary>Gets or sets the id of the last call the connection covered (sent, or reported in a gap).</summary>
        public long Cursor { get; set; } = cursor;

        /// <summary>Gets or sets the journal's <see cref="ICallJournal.TotalRecorded"/> at the last look: less now means it was cleared.</summary>
        public long Total { get; set; } = total;

        /// <summary>Gets or sets the chat store's version at the last look.</summary>
        public long ChatVersion { get; set; }

        /// <summary>Gets or sets how many looks were made, for a chat store without a version.</summary>
        public int ChatTicks { get; set; }
    }
}
