using System.Text.Json;
using ChatMock.Journal;
using ChatMock.Server.Admin.Patterns;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace ChatMock.Server.Admin;

/// <summary>
/// The request log in WireMock.Net's dialect, as its .NET admin interface (<c>IWireMockAdminApi</c>) reads it: bare
/// arrays of <c>LogEntryModel</c>, serialized as WireMock.Net serializes them, and its request patterns
/// (<see cref="WireMockNetRequestPattern"/>).
/// </summary>
internal sealed class WireMockNetRequestLog(RequestLog log, CallIds ids)
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, DateTimeZoneHandling = DateTimeZoneHandling.Utc };

    /// <summary><c>GET /__admin/requests</c>: every call the log shows, oldest first.</summary>
    public Task ListAsync(HttpContext context) => WriteAsync(context, log.Calls());

    /// <summary><c>GET /__admin/requests/{id}</c>: one call.</summary>
    public Task GetAsync(HttpContext context, RecordedCall call) =>
        WriteModelAsync(context, CallJson.ToLogEntry(call, ids, Host(context)));

    /// <summary><c>POST /__admin/requests/find</c> with a pattern in WireMock.Net's format.</summary>
    public async Task FindAsync(HttpContext context, JsonElement root)
    {
        if (await AdminHttp.TryPatternAsync(context, () => WireMockNetRequestPattern.Parse(root)).ConfigureAwait(false) is not { } pattern
            || await AdminHttp.TryPatternAsync(context, () => log.Calls().Where(pattern.Matches).ToList()).ConfigureAwait(false) is not { } matched)
        {
            return;
        }

        await WriteAsync(context, matched).ConfigureAwait(false);
    }

    /// <summary><c>GET /__admin/requests/find?mappingGuid=</c>: the calls one mapping answered.</summary>
    public async Task FindByMappingAsync(HttpContext context)
    {
        if (!Guid.TryParse(context.Request.Query["mappingGuid"], out var guid))
        {
            await AdminHttp.BadRequestAsync(context, "GET /__admin/requests/find needs ?mappingGuid=<the mapping's Guid>; to find by a pattern, POST it.").ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, log.Calls().Where(c => CallJson.MappingGuid(c) == guid)).ConfigureAwait(false);
    }

    private static string Host(HttpContext context) => context.Request.Host.HasValue ? context.Request.Host.Value! : "localhost";

    private static Task WriteModelAsync(HttpContext context, object model) =>
        AdminHttp.WriteJsonTextAsync(context, StatusCodes.Status200OK, JsonConvert.SerializeObject(model, Settings));

    private Task WriteAsync(HttpContext context, IEnumerable<RecordedCall> calls)
    {
        var host = Host(context);
        return WriteModelAsync(context, calls.Select(c => CallJson.ToLogEntry(c, ids, host)).ToList());
    }
}
