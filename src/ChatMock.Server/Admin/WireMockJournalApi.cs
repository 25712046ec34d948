using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// WireMock's request log, served from ChatMock's journal (<see cref="RequestLog"/>) rather than WireMock.Net's short
/// log of what went through it: routes <c>/__admin/requests</c> (list, get, find, count, remove, reset, unmatched) to
/// <see cref="RequestLogEndpoints"/> and the near-miss endpoints to <see cref="NearMissEndpoints"/>, each answering
/// in the caller's <see cref="AdminDialect"/>.
/// </summary>
internal sealed class WireMockJournalApi
{
    private readonly RequestLog _log;
    private readonly RequestLogEndpoints _requests;
    private readonly NearMissEndpoints _nearMisses;

    public WireMockJournalApi(ChatMockEngine engine, CallIds ids, WireMockStubs stubs, Action resetWireMockLog)
    {
        _log = new RequestLog(engine, ids);
        _requests = new RequestLogEndpoints(engine, _log, ids, stubs, resetWireMockLog);
        _nearMisses = new NearMissEndpoints(_log, ids, stubs);
    }

    /// <summary>Whether a call counts as unmatched: routed to no operation and answered 404 (a path ChatMock does not serve, or no mapping matched).</summary>
    public static bool IsUnmatched(RecordedCall call) => call.Operation is null && call.Response.StatusCode == StatusCodes.Status404NotFound;

    /// <summary>Answers an admin request below <c>/__admin/requests</c> or <c>/__admin/near-misses</c>; returns false for any other path.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string[] segments)
    {
        var answer = segments switch
        {
            ["requests"] => AdminHttp.AnswerByMethodAsync(context, ("GET", _requests.ListAsync), ("DELETE", _requests.ResetAsync)),
            ["requests", "reset"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _requests.ResetAsync)),
            ["requests", "count"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _requests.CountAsync)),
            ["requests", "find"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _requests.FindAsync), ("GET", _requests.FindByMappingAsync)),
            ["requests", "remove"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _requests.RemoveAsync)),
            ["requests", "unmatched"] => AdminHttp.AnswerByMethodAsync(context, ("GET", _requests.UnmatchedAsync)),
            ["requests", "unmatched", "near-misses"] => AdminHttp.AnswerByMethodAsync(context, ("GET", _nearMisses.ForUnmatchedAsync)),
            ["requests", var id] => AdminHttp.AnswerByMethodAsync(context, ("GET", c => _requests.GetAsync(c, id)), ("DELETE", c => _requests.DeleteAsync(c, id))),

            // wiremock-rest-client asks below /requests, where WireMock itself has no near-miss endpoint: answered alike.
            ["near-misses", "request-pattern"] or ["requests", "near-misses", "request-pattern"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _nearMisses.ForPatternAsync)),
            ["near-misses", "request"] or ["requests", "near-misses", "request"] => AdminHttp.AnswerByMethodAsync(context, ("POST", _nearMisses.ForRequestAsync)),
            ["requests", ..] or ["near-misses", ..] => AdminHttp.NotFoundAsync(context, $"No request log endpoint at {context.Request.Path}."),
            _ => null,
        };

        if (answer is null)
        {
            return false;
        }

        await answer.ConfigureAwait(false);
        return true;
    }

    /// <summary>Forgets what <c>/requests/remove</c> removed (the journal was cleared).</summary>
    public void ForgetRemoved() => _log.ForgetRemoved();
}
