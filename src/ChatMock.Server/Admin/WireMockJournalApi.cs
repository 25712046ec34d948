using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Server.Admin.Patterns;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace ChatMock.Server.Admin;

/// <summary>
/// WireMock's request log, served from ChatMock's journal (every call however it was answered, up to
/// <see cref="ChatMockOptions.JournalCapacity"/>) rather than WireMock.Net's short log of what went through it:
/// <c>/__admin/requests</c> (list, get, find, count, remove, reset, unmatched) and the near-miss endpoints, each in the
/// caller's <see cref="AdminDialect"/>.
/// </summary>
internal sealed class WireMockJournalApi
{
    /// <summary>How many near misses are answered at most, nearest first, as WireMock has it.</summary>
    private const int NearMissCount = 3;

    private static readonly JsonSerializerSettings NetSettings = new() { NullValueHandling = NullValueHandling.Ignore, DateTimeZoneHandling = DateTimeZoneHandling.Utc };

    private readonly ChatMockEngine _engine;
    private readonly CallIds _ids;
    private readonly WireMockStubs _stubs;
    private readonly Action _resetWireMockLog;
    private readonly HashSet<long> _removed = [];
    private readonly Lock _gate = new();

    public WireMockJournalApi(ChatMockEngine engine, CallIds ids, WireMockStubs stubs, Action resetWireMockLog)
    {
        _engine = engine;
        _ids = ids;
        _stubs = stubs;
        _resetWireMockLog = resetWireMockLog;
    }

    /// <summary>Whether a call counts as unmatched: routed to no operation and answered 404 (a path ChatMock does not serve, or no mapping matched).</summary>
    public static bool IsUnmatched(RecordedCall call) => call.Operation is null && call.Response.StatusCode == StatusCodes.Status404NotFound;

    /// <summary>Answers an admin request below <c>/__admin/requests</c> or <c>/__admin/near-misses</c>; returns false for any other path.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string[] segments)
    {
        var method = context.Request.Method;
        switch (segments)
        {
            case ["requests"]:
                await (HttpMethods.IsGet(method) ? ListAsync(context)
                    : HttpMethods.IsDelete(method) ? ResetAsync(context)
                    : AdminHttp.MethodNotAllowedAsync(context, "GET, DELETE")).ConfigureAwait(false);
                return true;
            case ["requests", "reset"]:
                await (HttpMethods.IsPost(method) ? ResetAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
                return true;
            case ["requests", "count"]:
                await (HttpMethods.IsPost(method) ? CountAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
                return true;
            case ["requests", "find"]:
                await (HttpMethods.IsPost(method) ? FindAsync(context)
                    : HttpMethods.IsGet(method) ? FindByMappingAsync(context)
                    : AdminHttp.MethodNotAllowedAsync(context, "POST, GET")).ConfigureAwait(false);
                return true;
            case ["requests", "remove"]:
                await (HttpMethods.IsPost(method) ? RemoveAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
                return true;
            case ["requests", "unmatched"]:
                await (HttpMethods.IsGet(method) ? UnmatchedAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "GET")).ConfigureAwait(false);
                return true;
            case ["requests", "unmatched", "near-misses"]:
                await (HttpMethods.IsGet(method) ? UnmatchedNearMissesAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "GET")).ConfigureAwait(false);
                return true;
            case ["requests", var id]:
                await (HttpMethods.IsGet(method) ? GetAsync(context, id)
                    : HttpMethods.IsDelete(method) ? DeleteAsync(context, id)
                    : AdminHttp.MethodNotAllowedAsync(context, "GET, DELETE")).ConfigureAwait(false);
                return true;
            // wiremock-rest-client asks below /requests, where WireMock itself has no near-miss endpoint: answered alike.
            case ["near-misses", "request-pattern"] or ["requests", "near-misses", "request-pattern"]:
                await (HttpMethods.IsPost(method) ? NearMissesForPatternAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
                return true;
            case ["near-misses", "request"] or ["requests", "near-misses", "request"]:
                await (HttpMethods.IsPost(method) ? NearMissesForRequestAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
                return true;
            case ["requests", ..] or ["near-misses", ..]:
                await AdminHttp.NotFoundAsync(context, $"No request log endpoint at {context.Request.Path}.").ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Forgets what <c>/requests/remove</c> removed (the journal was cleared).</summary>
    public void ForgetRemoved()
    {
        lock (_gate)
        {
            _removed.Clear();
        }
    }

    /// <summary>
    /// The calls the request log shows, the journal's less those removed through it, oldest first, read one at a time
    /// (the journal reads each call only as the enumeration reaches it).
    /// </summary>
    private IEnumerable<RecordedCall> Calls()
    {
        var journal = _engine.Journal;
        lock (_gate)
        {
            // Ids of calls the journal has since dropped are of no more use: the set stays within the journal's size.
            if (_removed.Count > journal.Capacity)
            {
                var oldestKept = journal.LastId - journal.Count;
                _removed.RemoveWhere(id => id <= oldestKept);
            }
        }

        foreach (var call in journal.ReadCalls())
        {
            bool removed;
            lock (_gate)
            {
                removed = _removed.Contains(call.Id);
            }

            if (!removed && !call.Request.Path.StartsWith(AdminPaths.Admin + "/", StringComparison.OrdinalIgnoreCase))
            {
                yield return call;
            }
        }
    }

    private static Task WriteNetAsync(HttpContext context, object model) =>
        AdminHttp.WriteJsonTextAsync(context, StatusCodes.Status200OK, JsonConvert.SerializeObject(model, NetSettings));

    private static string Host(HttpContext context) => context.Request.Host.HasValue ? context.Request.Host.Value! : "localhost";

    private JsonObject? StubOf(RecordedCall call) =>
        CallJson.MappingGuid(call) is { } guid && _stubs.Find(guid) is { } stub ? stub.Json : null;

    private Task ListAsync(HttpContext context)
    {
        if (AdminDialects.Of(context.Request) == AdminDialect.WireMockNet)
        {
            var host = Host(context);
            return WriteNetAsync(context, Calls().Select(c => CallJson.ToLogEntry(c, _ids, host)).ToList());
        }

        // WireMock lists the newest first; ?limit= keeps that many: only those are held, however many there are.
        var limit = int.TryParse(context.Request.Query["limit"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked)
            ? asked
            : int.MaxValue;
        var newest = new Queue<RecordedCall>();
        var total = 0;
        foreach (var call in Calls())
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
            writer.WriteStartArray("requests");
            foreach (var call in page)
            {
                CallJson.WriteServeEvent(writer, call, _ids, StubOf(call));
            }

            writer.WriteEndArray();
            writer.WriteStartObject("meta");
            writer.WriteNumber("total", total);
            writer.WriteEndObject();
            writer.WriteBoolean("requestJournalDisabled", false);
            writer.WriteEndObject();
        });
    }

    private Task ResetAsync(HttpContext context)
    {
        _engine.Reset();
        _resetWireMockLog();
        ForgetRemoved();
        return AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Requests deleted");
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (FindCall(id) is not { } call)
        {
            await AdminHttp.NotFoundAsync(context, $"No request with id {id} in the request log: it was never recorded, was removed or reset, or was dropped (the journal keeps the last {_engine.Journal.Capacity}).").ConfigureAwait(false);
            return;
        }

        if (AdminDialects.Of(context.Request) == AdminDialect.WireMockNet)
        {
            await WriteNetAsync(context, CallJson.ToLogEntry(call, _ids, Host(context))).ConfigureAwait(false);
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => CallJson.WriteServeEvent(writer, call, _ids, StubOf(call))).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, string id)
    {
        if (FindCall(id) is not { } call)
        {
            await AdminHttp.NotFoundAsync(context, $"No request with id {id} in the request log.").ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _removed.Add(call.Id);
        }

        await AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Request removed").ConfigureAwait(false);
    }

    private RecordedCall? FindCall(string id)
    {
        if (!_ids.TryParse(id, out var callId))
        {
            return null;
        }

        lock (_gate)
        {
            if (_removed.Contains(callId))
            {
                return null;
            }
        }

        return _engine.Journal.Find(callId);
    }

    /// <summary>Reads a WireMock request pattern from the body; null when it was refused (the answer is written).</summary>
    private static async Task<RequestPattern?> ReadPatternAsync(HttpContext context)
    {
        var body = await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        try
        {
            return RequestPattern.Parse(body);
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Runs a match over the calls; a backtracking pattern is answered 400 (false).</summary>
    private static async Task<List<RecordedCall>?> MatchAsync(HttpContext context, IEnumerable<RecordedCall> calls, Func<RecordedCall, bool> matches)
    {
        try
        {
            return [.. calls.Where(matches)];
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return null;
        }
    }

    private async Task CountAsync(HttpContext context)
    {
        if (await ReadPatternAsync(context).ConfigureAwait(false) is not { } pattern
            || await MatchAsync(context, Calls(), pattern.Matches).ConfigureAwait(false) is not { } matched)
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

    private async Task FindAsync(HttpContext context)
    {
        var body = await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            root = document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException ex)
        {
            await AdminHttp.BadRequestAsync(context, "The request pattern is not JSON: " + ex.Message, "/").ConfigureAwait(false);
            return;
        }

        if (AdminDialects.Of(context.Request, root) == AdminDialect.WireMockNet)
        {
            await FindNetAsync(context, root).ConfigureAwait(false);
            return;
        }

        RequestPattern pattern;
        try
        {
            pattern = RequestPattern.Parse(root, string.Empty);
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        if (await MatchAsync(context, Calls(), pattern.Matches).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        await WriteLoggedRequestsAsync(context, matched).ConfigureAwait(false);
    }

    private async Task FindNetAsync(HttpContext context, JsonElement root)
    {
        WireMockNetRequestPattern pattern;
        try
        {
            pattern = WireMockNetRequestPattern.Parse(root);
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        if (await MatchAsync(context, Calls(), pattern.Matches).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        var host = Host(context);
        await WriteNetAsync(context, matched.Select(c => CallJson.ToLogEntry(c, _ids, host)).ToList()).ConfigureAwait(false);
    }

    /// <summary>WireMock.Net's <c>GET /__admin/requests/find?mappingGuid=</c>: the calls one mapping answered.</summary>
    private async Task FindByMappingAsync(HttpContext context)
    {
        if (!Guid.TryParse(context.Request.Query["mappingGuid"], out var guid))
        {
            await AdminHttp.BadRequestAsync(context, "GET /__admin/requests/find needs ?mappingGuid=<the mapping's Guid>; to find by a pattern, POST it.").ConfigureAwait(false);
            return;
        }

        var host = Host(context);
        await WriteNetAsync(context, Calls().Where(c => CallJson.MappingGuid(c) == guid).Select(c => CallJson.ToLogEntry(c, _ids, host)).ToList()).ConfigureAwait(false);
    }

    private async Task RemoveAsync(HttpContext context)
    {
        if (await ReadPatternAsync(context).ConfigureAwait(false) is not { } pattern
            || await MatchAsync(context, Calls(), pattern.Matches).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var call in matched)
            {
                _removed.Add(call.Id);
            }
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("serveEvents");
            foreach (var call in matched)
            {
                CallJson.WriteServeEvent(writer, call, _ids, StubOf(call));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>WireMock's <c>GET /__admin/requests/unmatched</c> (WireMock.Net has none, so there is one dialect).</summary>
    private Task UnmatchedAsync(HttpContext context) => WriteLoggedRequestsAsync(context, [.. Calls().Where(IsUnmatched)]);

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

    /// <summary>
    /// <c>POST /__admin/near-misses/request-pattern</c>: the recorded calls nearest to a pattern that none matched
    /// exactly, nearest first. WireMock's clients ask it when a verification fails, to show the difference.
    /// </summary>
    private async Task NearMissesForPatternAsync(HttpContext context)
    {
        var body = await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        RequestPattern pattern;
        JsonNode? sent;
        try
        {
            pattern = RequestPattern.Parse(body);
            sent = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        List<(RecordedCall Call, double Distance)> near;
        try
        {
            near = Nearest(Calls().Select(c => (c, pattern.Distance(c))));
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("nearMisses");
            foreach (var (call, distance) in near)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("request");
                CallJson.WriteLoggedRequest(writer, call, _ids);
                writer.WritePropertyName("requestPattern");
                sent!.WriteTo(writer);
                WriteMatchResult(writer, distance);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>POST /__admin/near-misses/request</c>: the WireMock-format stubs nearest to a request (a <c>LoggedRequest</c>).</summary>
    private async Task NearMissesForRequestAsync(HttpContext context)
    {
        var body = await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        JsonNode? sent;
        RecordedCall call;
        try
        {
            sent = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            call = CallFromLoggedRequest(sent as JsonObject ?? throw new PatternException("/", "The body must be a logged request such as {\"url\": \"/x\", \"method\": \"GET\"}."));
        }
        catch (System.Text.Json.JsonException ex)
        {
            await AdminHttp.BadRequestAsync(context, "The body is not JSON: " + ex.Message, "/").ConfigureAwait(false);
            return;
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        await WriteStubNearMissesAsync(context, [(call, sent)]).ConfigureAwait(false);
    }

    /// <summary><c>GET /__admin/requests/unmatched/near-misses</c>: for each unmatched call, the WireMock-format stubs nearest to it.</summary>
    private Task UnmatchedNearMissesAsync(HttpContext context) =>
        WriteStubNearMissesAsync(context, [.. Calls().Where(IsUnmatched).Select(c => (c, (JsonNode?)null))]);

    private async Task WriteStubNearMissesAsync(HttpContext context, List<(RecordedCall Call, JsonNode? Sent)> requests)
    {
        var stubs = _stubs.List();
        var results = new List<(RecordedCall Call, JsonNode? Sent, WireMockStubs.Stub Stub, double Distance)>();
        try
        {
            foreach (var (call, sent) in requests)
            {
                results.AddRange(stubs.Select(s => (s, s.Pattern.Distance(call)))
                    .Where(x => x.Item2 > 0).OrderBy(x => x.Item2).Take(NearMissCount)
                    .Select(x => (call, sent, x.s, x.Item2)));
            }
        }
        catch (PatternException ex)
        {
            await AdminHttp.WritePatternErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("nearMisses");
            foreach (var (call, sent, stub, distance) in results)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("request");
                if (sent is not null)
                {
                    sent.WriteTo(writer);
                }
                else
                {
                    CallJson.WriteLoggedRequest(writer, call, _ids);
                }

                writer.WritePropertyName("stubMapping");
                stub.Json.WriteTo(writer);
                WriteMatchResult(writer, distance);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static List<(RecordedCall Call, double Distance)> Nearest(IEnumerable<(RecordedCall Call, double Distance)> scored) =>
        [.. scored.Where(s => s.Distance > 0).OrderBy(s => s.Distance).ThenByDescending(s => s.Call.Id).Take(NearMissCount)];

    private static void WriteMatchResult(Utf8JsonWriter writer, double distance)
    {
        writer.WriteStartObject("matchResult");
        writer.WriteNumber("distance", Math.Round(distance, 6));
        writer.WriteEndObject();
    }

    /// <summary>Makes a call to score from a WireMock <c>LoggedRequest</c> (url, method, headers, body or bodyAsBase64).</summary>
    private static RecordedCall CallFromLoggedRequest(JsonObject request)
    {
        static string? Text(JsonObject request, string name) => request[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => throw new PatternException("/" + name, $"'{name}' must be a string."),
        };

        var url = Text(request, "url") ?? "/";
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        if (request["headers"] is JsonObject sentHeaders)
        {
            foreach (var (name, value) in sentHeaders)
            {
                foreach (var item in value is JsonArray array ? array.Select(v => v?.ToString() ?? string.Empty) : [value?.ToString() ?? string.Empty])
                {
                    headers.Add(new(name, item));
                }
            }
        }

        string body;
        try
        {
            body = Text(request, "body") ?? (Text(request, "bodyAsBase64") is { } base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(base64)) : string.Empty);
        }
        catch (FormatException)
        {
            throw new PatternException("/bodyAsBase64", "'bodyAsBase64' must be base64 text.");
        }

        return new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest
            {
                Method = Text(request, "method") ?? "GET",
                Path = query < 0 ? url : url[..query],
                QueryString = query < 0 ? string.Empty : url[query..],
                Headers = headers,
                Body = body,
                BodyLength = Encoding.UTF8.GetByteCount(body),
            },
            Response = new RecordedResponse { StatusCode = 404 },
        };
    }
}
