using ChatMock.Engine;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// The journal endpoints WireMock clients call that WireMock.Net lacks, answered from ChatMock's journal (every call,
/// up to <see cref="ChatMockOptions.JournalCapacity"/>) rather than WireMock.Net's short request log.
/// </summary>
internal sealed class WireMockJournalApi
{
    private readonly ChatMockEngine _engine;

    public WireMockJournalApi(ChatMockEngine engine)
    {
        _engine = engine;
    }

    /// <summary>
    /// <c>POST /__admin/requests/count</c>: the number of recorded calls that match a WireMock request pattern,
    /// answered as <c>{"count": N}</c>.
    /// </summary>
    public async Task CountAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        if (!RequestPattern.TryParse(body, out var pattern, out var error))
        {
            await AdminHttp.BadRequestAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var count = _engine.Journal.GetCalls().Count(pattern!.Matches);
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /__admin/requests/unmatched</c>: the calls nothing answered for real. With ChatMock's catch-all every
    /// request reaches some mapping, so "unmatched" means routed to no operation and answered 404: a path ChatMock does
    /// not serve, or (with the engine mapping disabled) a request no mapping matched.
    /// </summary>
    public Task UnmatchedAsync(HttpContext context)
    {
        var unmatched = _engine.Journal.GetCalls().Where(call => call.Operation is null && call.Response.StatusCode == StatusCodes.Status404NotFound).ToList();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("requests");
            foreach (var call in unmatched)
            {
                CallJson.WriteLoggedRequest(writer, call);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("requestJournalDisabled", false);
            writer.WriteEndObject();
        });
    }
}
