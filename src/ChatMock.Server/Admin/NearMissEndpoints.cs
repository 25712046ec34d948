using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Journal;
using ChatMock.Server.Admin.Patterns;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// WireMock's near-miss endpoints: the recorded calls nearest to a pattern, and the WireMock-format stubs nearest to a
/// request or to each unmatched call, scored by <see cref="NearMisses"/>. WireMock's clients ask them when a
/// verification fails, to show the difference.
/// </summary>
internal sealed class NearMissEndpoints(RequestLog log, CallIds ids, WireMockStubs stubs)
{
    /// <summary>
    /// <c>POST /__admin/near-misses/request-pattern</c>: the recorded calls nearest to a pattern that none matched
    /// exactly, nearest first; of calls as near, the newest first.
    /// </summary>
    public async Task ForPatternAsync(HttpContext context)
    {
        if (await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false) is not { } body
            || await AdminHttp.TryPatternAsync(context, () => RequestPattern.Parse(body)).ConfigureAwait(false) is not { } pattern
            || await AdminHttp.TryPatternAsync(context, () => NearMisses.Nearest(log.Calls().Reverse(), pattern.Distance)).ConfigureAwait(false) is not { } near)
        {
            return;
        }

        // RequestPattern.Parse has read the same text as a JSON object.
        var sent = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body)!;
        await WriteAsync(context, near.Select(n => new NearMiss(WriteLogged(n.Candidate), "requestPattern", sent, n.Distance))).ConfigureAwait(false);
    }

    /// <summary><c>POST /__admin/near-misses/request</c>: the WireMock-format stubs nearest to a request (a <c>LoggedRequest</c>).</summary>
    public async Task ForRequestAsync(HttpContext context)
    {
        var body = await AdminHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        JsonNode? sent;
        try
        {
            sent = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }
        catch (JsonException ex)
        {
            await AdminHttp.BadRequestAsync(context, "The body is not JSON: " + ex.Message, "/").ConfigureAwait(false);
            return;
        }

        if (sent is not JsonObject request)
        {
            await AdminHttp.WritePatternErrorAsync(context, new PatternException("/", "The body must be a logged request such as {\"url\": \"/x\", \"method\": \"GET\"}.")).ConfigureAwait(false);
            return;
        }

        if (await AdminHttp.TryPatternAsync(context, () => LoggedRequestReader.Read(request)).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        // The request is answered as it was sent.
        await ForStubsAsync(context, [(call, writer => request.WriteTo(writer))]).ConfigureAwait(false);
    }

    /// <summary><c>GET /__admin/requests/unmatched/near-misses</c>: for each unmatched call, the WireMock-format stubs nearest to it.</summary>
    public Task ForUnmatchedAsync(HttpContext context) =>
        ForStubsAsync(context, [.. log.Unmatched().Select(c => (c, WriteLogged(c)))]);

    private static Task WriteAsync(HttpContext context, IEnumerable<NearMiss> nearMisses)
    {
        var list = nearMisses.ToList();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("nearMisses");
            foreach (var nearMiss in list)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("request");
                nearMiss.WriteRequest(writer);
                writer.WritePropertyName(nearMiss.MissedName);
                nearMiss.Missed.WriteTo(writer);
                writer.WriteStartObject("matchResult");
                writer.WriteNumber("distance", Math.Round(nearMiss.Distance, 6));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private Action<Utf8JsonWriter> WriteLogged(RecordedCall call) => writer => CallJson.WriteLoggedRequest(writer, call, ids);

    /// <summary>For each request, the stubs nearest to it; a stub's pattern that backtracks is answered 400.</summary>
    private async Task ForStubsAsync(HttpContext context, List<(RecordedCall Call, Action<Utf8JsonWriter> WriteRequest)> requests)
    {
        var known = stubs.List();
        if (await AdminHttp.TryPatternAsync(context, () => requests
                .SelectMany(r => NearMisses.Nearest(known, s => s.Pattern.Distance(r.Call))
                    .Select(n => new NearMiss(r.WriteRequest, "stubMapping", n.Candidate.Json, n.Distance)))
                .ToList()).ConfigureAwait(false) is not { } near)
        {
            return;
        }

        await WriteAsync(context, near).ConfigureAwait(false);
    }

    /// <summary>One near miss: the request, what it missed (a request pattern or a stub) and by how far.</summary>
    /// <param name="WriteRequest">Writes the request as a <c>LoggedRequest</c>.</param>
    /// <param name="MissedName">The property the missed pattern or stub is written as.</param>
    /// <param name="Missed">The request pattern or stub.</param>
    /// <param name="Distance">How far the request is from it, above 0.</param>
    private sealed record NearMiss(Action<Utf8JsonWriter> WriteRequest, string MissedName, JsonNode Missed, double Distance);
}
