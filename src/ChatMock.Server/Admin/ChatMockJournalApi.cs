using System.Globalization;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// ChatMock's journal over HTTP, under <c>/__admin/chatmock</c>: list, count, get, reset, and the violations only.
/// </summary>
internal sealed class ChatMockJournalApi
{
    private readonly ChatMockEngine _engine;

    public ChatMockJournalApi(ChatMockEngine engine)
    {
        _engine = engine;
    }

    /// <summary>Answers a request whose path is below <c>/__admin/chatmock</c>; <paramref name="rest"/> is what follows it.</summary>
    public Task HandleAsync(HttpContext context, PathString rest)
    {
        var segments = (rest.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["calls"]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", ListAsync), ("DELETE", ResetAsync));
            case ["calls", "count"]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", CountAsync));
            case ["calls", "reset"]:
                return AdminHttp.AnswerByMethodAsync(context, ("POST", ResetAsync));
            case ["calls", var id]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", c => GetAsync(c, id)));
            case ["violations"]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", ViolationsAsync));
            default:
                return AdminHttp.NotFoundAsync(
                    context,
                    $"No ChatMock admin endpoint at {context.Request.Path}. See /__admin/chatmock/calls, /calls/count, /calls/{{id}}, /calls/reset and /violations.");
        }
    }

    private async Task ListAsync(HttpContext context)
    {
        if (!CallQuery.TryParse(context.Request.Query, [.. CallQuery.Filters, .. CallQuery.Paging], out var query, out var error))
        {
            await AdminHttp.BadRequestAsync(context, error!).ConfigureAwait(false);
            return;
        }

        // One pass, one call at a time: the answer holds the page, not the journal. The page's calls are written as
        // the journal keeps them (the same JSON), read only when a filter needs more than their summaries.
        var journal = _engine.Journal;
        var total = 0;
        var window = new Queue<KeptCall>();
        foreach (var call in journal.ReadKept(0, query.MatchesSummary))
        {
            if (query.NeedsWholeCall && !query.Matches(call.Read()))
            {
                continue;
            }

            if (query.NewestFirst)
            {
                // The newest offset + limit so far; the page is the oldest limit of them, newest first.
                window.Enqueue(call);
                if (window.Count > query.Offset + query.Limit)
                {
                    window.Dequeue();
                }
            }
            else if (total >= query.Offset && total < query.Offset + query.Limit)
            {
                window.Enqueue(call);
            }

            total++;
        }

        var page = query.NewestFirst ? window.Reverse().Skip(query.Offset).ToList() : [.. window];
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            WritePageStart(writer, total, query, journal);
            // What a remote client needs to say that the journal dropped calls, as the in-memory assertions do.
            writer.WriteNumber("capacity", _engine.Journal.Capacity);
            writer.WriteNumber("totalRecorded", _engine.Journal.TotalRecorded);
            writer.WriteStartArray("calls");
            foreach (var call in page)
            {
                RecordedCallJson.WriteKept(writer, call.Id, call.Json.Span);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task CountAsync(HttpContext context)
    {
        if (!CallQuery.TryParse(context.Request.Query, CallQuery.Filters, out var query, out var error))
        {
            await AdminHttp.BadRequestAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var journal = _engine.Journal;
        var count = query.NeedsWholeCall
            ? journal.ReadCalls(0, query.MatchesSummary).Count(query.Matches)
            : journal.CountWhere(query.MatchesSummary);
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var callId))
        {
            await AdminHttp.BadRequestAsync(context, $"'{id}' is not a call id; ids are numbers: 1, 2, 3, ...").ConfigureAwait(false);
            return;
        }

        if (_engine.Journal.FindKept(callId) is not { } call)
        {
            await AdminHttp.NotFoundAsync(context, string.Create(
                CultureInfo.InvariantCulture,
                $"No call {callId} in the journal: it was never recorded, was cleared, or was dropped (the journal keeps the last {_engine.Journal.Capacity}).")).ConfigureAwait(false);
            return;
        }

        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => RecordedCallJson.WriteKept(writer, call.Id, call.Json.Span)).ConfigureAwait(false);
    }

    private async Task ResetAsync(HttpContext context)
    {
        var resetIds = false;
        foreach (var (name, values) in context.Request.Query)
        {
            if (!string.Equals(name, "resetIds", StringComparison.OrdinalIgnoreCase) || values.Count != 1 || !bool.TryParse(values[0], out resetIds))
            {
                await AdminHttp.BadRequestAsync(context, "Reset takes one query parameter, resetIds=true or resetIds=false.").ConfigureAwait(false);
                return;
            }
        }

        var cleared = _engine.Journal.Count;
        _engine.Reset(resetIds);
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("cleared", cleared);
            writer.WriteBoolean("idsReset", resetIds);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task ViolationsAsync(HttpContext context)
    {
        if (!CallQuery.TryParse(context.Request.Query, CallQuery.ViolationFilters, out var query, out var error))
        {
            await AdminHttp.BadRequestAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var journal = _engine.Journal;
        var violations = journal.ReadCalls(0, call => call.ViolationCount > 0 && query.MatchesSummary(call))
            .Where(query.Matches)
            .SelectMany(call => call.Violations.Where(query.Matches).Select(violation => (Call: call, Violation: violation)))
            .ToList();
        var page = query.Page(violations);
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            WritePageStart(writer, violations.Count, query, journal);
            writer.WriteStartArray("violations");
            foreach (var (call, violation) in page)
            {
                CallJson.WriteViolationOfCall(writer, call, violation);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>Opens a paged answer: the total, the page asked for, the order, and the newest id to poll from.</summary>
    private static void WritePageStart(System.Text.Json.Utf8JsonWriter writer, int total, CallQuery query, CallJournal journal)
    {
        writer.WriteStartObject();
        writer.WriteNumber("total", total);
        writer.WriteNumber("offset", query.Offset);
        writer.WriteNumber("limit", query.Limit);
        writer.WriteString("order", query.NewestFirst ? "newest" : "oldest");
        if (journal.Count == 0)
        {
            writer.WriteNull("newestId");
        }
        else
        {
            writer.WriteNumber("newestId", journal.LastId);
        }
    }
}
