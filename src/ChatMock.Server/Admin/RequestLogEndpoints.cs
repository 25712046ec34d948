using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Server.Admin.Patterns;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// The request log endpoints below <c>/__admin/requests</c> (list, get, delete, reset, count, find, remove, unmatched)
/// in WireMock's dialect; where WireMock.Net's .NET admin interface has the same path, its dialect is answered by
/// <see cref="WireMockNetRequestLog"/>.
/// </summary>
internal sealed class RequestLogEndpoints
{
    private readonly ChatMockEngine _engine;
    private readonly RequestLog _log;
    private readonly CallIds _ids;
    private readonly WireMockStubs _stubs;
    private readonly WireMockNetRequestLog _net;
    private readonly Action _resetWireMockLog;

    public RequestLogEndpoints(ChatMockEngine engine, RequestLog log, CallIds ids, WireMockStubs stubs, Action resetWireMockLog)
    {
        _engine = engine;
        _log = log;
        _ids = ids;
        _stubs = stubs;
        _net = new WireMockNetRequestLog(log, ids);
        _resetWireMockLog = resetWireMockLog;
    }

    /// <summary><c>GET /__admin/requests</c>: WireMock lists the newest first, <c>?limit=</c> of them.</summary>
    public Task ListAsync(HttpContext context)
    {
        if (AdminDialects.Of(context.Request) == AdminDialect.WireMockNet)
        {
            return _net.ListAsync(context);
        }

        // Only the newest ?limit= are held, however many there are.
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
            ? asked
            : int.MaxValue;
        var newest = new Queue<RecordedCall>();
        var total = 0;
        foreach (var call in _log.Calls())
        {
            total++;
            newest.Enqueue(call);
            if (newest.Count > limit)
            {
                newest.Dequeue();
            }
        }

        var page = newest.Reverse().ToList();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            WriteServeEvents(writer, "requests", page);
            writer.WriteStartObject("meta");
            writer.WriteNumber("total", total);
            writer.WriteEndObject();
            writer.WriteBoolean("requestJournalDisabled", false);
            writer.WriteEndObject();
        });
    }

    /// <summary><c>DELETE /__admin/requests</c> and <c>POST /__admin/requests/reset</c>: the journal and WireMock.Net's log cleared.</summary>
    public Task ResetAsync(HttpContext context)
    {
        _engine.Reset();
        _resetWireMockLog();
        _log.ForgetRemoved();
        return AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Requests deleted");
    }

    /// <summary><c>GET /__admin/requests/{id}</c>.</summary>
    public async Task GetAsync(HttpContext context, string id)
    {
        if (_log.Find(id) is not { } call)
        {
            await AdminHttp.NotFoundAsync(context, $"No request with id {id} in the request log: it was never recorded, was removed or reset, or was dropped (the journal keeps the last {_log.Capacity}).").ConfigureAwait(false);
            return;
        }

        if (AdminDialects.Of(context.Request) == AdminDialect.WireMockNet)
        {
            await _net.GetAsync(context, call).ConfigureAwait(false);
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => CallJson.WriteServeEvent(writer, call, _ids, StubOf(call))).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /__admin/requests/{id}</c>: the call taken out of the log.</summary>
    public async Task DeleteAsync(HttpContext context, string id)
    {
        if (_log.Find(id) is not { } call)
        {
            await AdminHttp.NotFoundAsync(context, $"No request with id {id} in the request log.").ConfigureAwait(false);
            return;
        }

        _log.Remove([call]);
        await AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Request removed").ConfigureAwait(false);
    }

    /// <summary><c>POST /__admin/requests/count</c>: how many calls match a pattern.</summary>
    public async Task CountAsync(HttpContext context)
    {
        if (await ReadPatternAsync(context).ConfigureAwait(false) is not { } pattern
            || await MatchAsync(context, pattern).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", matched.Count);
            writer.WriteBoolean("requestJournalDisabled", false);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>POST /__admin/requests/find</c>: the calls that match a pattern, in the dialect the pattern is written in.</summary>
    public async Task FindAsync(HttpContext context)
    {
        if (await AdminHttp.ReadJsonAsync(context, "The request pattern", whenEmpty: "{}").ConfigureAwait(false) is not { } root)
        {
            return;
        }

        if (AdminDialects.Of(context.Request, root) == AdminDialect.WireMockNet)
        {
            await _net.FindAsync(context, root).ConfigureAwait(false);
            return;
        }

        if (await AdminHttp.TryPatternAsync(context, () => RequestPattern.Parse(root, string.Empty)).ConfigureAwait(false) is not { } pattern
            || await MatchAsync(context, pattern).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        await WriteLoggedRequestsAsync(context, matched).ConfigureAwait(false);
    }

    /// <summary>WireMock.Net's <c>GET /__admin/requests/find?mappingGuid=</c>: the calls one mapping answered.</summary>
    public Task FindByMappingAsync(HttpContext context) => _net.FindByMappingAsync(context);

    /// <summary><c>POST /__admin/requests/remove</c>: the calls that match a pattern taken out of the log, and answered.</summary>
    public async Task RemoveAsync(HttpContext context)
    {
        if (await ReadPatternAsync(context).ConfigureAwait(false) is not { } pattern
            || await MatchAsync(context, pattern).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        _log.Remove(matched);
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            WriteServeEvents(writer, "serveEvents", matched);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>WireMock's <c>GET /__admin/requests/unmatched</c> (WireMock.Net has none, so there is one dialect).</summary>
    public Task UnmatchedAsync(HttpContext context) => WriteLoggedRequestsAsync(context, [.. _log.Unmatched()]);

    /// <summary>Reads a WireMock request pattern from the body; null when it was refused (the answer is written).</summary>
    private static async Task<RequestPattern?> ReadPatternAsync(HttpContext context) =>
        await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false) is { } body
            ? await AdminHttp.TryPatternAsync(context, () => RequestPattern.Parse(body)).ConfigureAwait(false)
            : null;

    /// <summary>The calls the log shows that match; null when matching was refused, such as a pattern that backtracks (answered 400).</summary>
    private Task<List<RecordedCall>?> MatchAsync(HttpContext context, RequestPattern pattern) =>
        AdminHttp.TryPatternAsync(context, () => _log.Calls().Where(pattern.Matches).ToList());

    private JsonObject? StubOf(RecordedCall call) =>
        CallJson.MappingGuid(call) is { } guid && _stubs.Find(guid) is { } stub ? stub.Json : null;

    private void WriteServeEvents(Utf8JsonWriter writer, string name, List<RecordedCall> calls)
    {
        writer.WriteStartArray(name);
        foreach (var call in calls)
        {
            CallJson.WriteServeEvent(writer, call, _ids, StubOf(call));
        }

        writer.WriteEndArray();
    }

    private Task WriteLoggedRequestsAsync(HttpContext context, List<RecordedCall> calls) =>
        AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("requests");
            foreach (var call in calls)
            {
                CallJson.WriteLoggedRequest(writer, call, _ids);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("requestJournalDisabled", false);
            writer.WriteEndObject();
        });
}
