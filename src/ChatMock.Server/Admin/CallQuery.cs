using System.Globalization;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Admin;

/// <summary>
/// The filters, paging and order of a journal query, read from the query string: <c>chatSessionId</c>,
/// <c>status</c>, <c>operation</c>, <c>hasViolations</c>, <c>violationPath</c> (or <c>path</c> on the violations
/// endpoint), <c>sinceId</c>, <c>limit</c>, <c>offset</c> and <c>order</c>.
/// </summary>
internal sealed class CallQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    /// <summary>The <c>operation</c> value that selects calls routed to no operation.</summary>
    public const string NoOperation = "none";

    public static readonly string[] Filters = ["chatSessionId", "status", "operation", "hasViolations", "violationPath", "sinceId"];
    public static readonly string[] Paging = ["limit", "offset", "order"];
    public static readonly string[] ViolationFilters = ["path", "sinceId", "limit", "offset", "order"];

    private int? _chatSessionId;
    private int? _status;
    private bool _operationGiven;
    private string? _operation;
    private bool? _hasViolations;
    private string? _violationPath;
    private long _sinceId;

    public int Limit { get; private set; } = DefaultLimit;

    public int Offset { get; private set; }

    public bool NewestFirst { get; private set; }

    public static bool TryParse(IQueryCollection query, IReadOnlyCollection<string> allowed, out CallQuery result, out string? error)
    {
        result = new CallQuery();
        error = null;
        foreach (var (name, values) in query)
        {
            var known = allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = $"The query parameter '{Echo.Of(name)}' is not known here; use {string.Join(", ", allowed)}.";
                return false;
            }

            if (values.Count != 1)
            {
                error = $"The query parameter '{known}' is given {values.Count} times; give it once.";
                return false;
            }

            error = result.Read(known, values[0] ?? string.Empty);
            if (error is not null)
            {
                return false;
            }
        }

        return true;
    }

    public bool Matches(RecordedCall call) =>
        call.Id > _sinceId
        && (_chatSessionId is not { } session || call.AddChatMessage?.ChatSessionId == session)
        && (_status is not { } status || call.Response.StatusCode == status)
        && (!_operationGiven || string.Equals(call.Operation, _operation, StringComparison.OrdinalIgnoreCase))
        && (_hasViolations is not { } violations || call.Violations.Count > 0 == violations)
        && (_violationPath is not { } path || call.Violations.Any(v => string.Equals(v.Path, path, StringComparison.Ordinal)));

    /// <summary>
    /// Returns whether a call, known by its summary, may match: every filter but <c>violationPath</c>, which needs the
    /// call itself (<see cref="NeedsWholeCall"/>). The journal reads no more of a call this refuses.
    /// </summary>
    public bool MatchesSummary(CallSummary call) =>
        call.Id > _sinceId
        && (_chatSessionId is not { } session || call.ChatSessionId == session)
        && (_status is not { } status || call.StatusCode == status)
        && (!_operationGiven || (_operation is null ? call.HasNoOperation : call.IsOperation(_operation)))
        && (_hasViolations is not { } violations || call.ViolationCount > 0 == violations);

    /// <summary>Gets whether <see cref="Matches(RecordedCall)"/> asks more than <see cref="MatchesSummary"/> can tell.</summary>
    public bool NeedsWholeCall => _violationPath is not null;

    /// <summary>Returns whether one violation is at the path asked for (any violation when none was asked for).</summary>
    public bool Matches(ContractViolation violation) =>
        _violationPath is not { } path || string.Equals(violation.Path, path, StringComparison.Ordinal);

    /// <summary>Returns one page of <paramref name="items"/> in the order asked for.</summary>
    public List<T> Page<T>(IReadOnlyList<T> items)
    {
        IEnumerable<T> ordered = NewestFirst ? items.Reverse() : items;
        return [.. ordered.Skip(Offset).Take(Limit)];
    }

    private static string Invalid(string name, string value, string expected) =>
        $"The query parameter '{name}' must be {expected}; it was '{Echo.Of(value)}'.";

    private string? Read(string name, string value)
    {
        switch (name)
        {
            case "chatSessionId":
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var session))
                {
                    return Invalid(name, value, "an integer");
                }

                _chatSessionId = session;
                return null;
            case "status":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 100 or > 599)
                {
                    return Invalid(name, value, "an HTTP status code from 100 to 599");
                }

                _status = status;
                return null;
            case "operation":
                _operationGiven = true;
                _operation = string.Equals(value, NoOperation, StringComparison.OrdinalIgnoreCase) ? null : value;
                return null;
            case "hasViolations":
                if (!bool.TryParse(value, out var hasViolations))
                {
                    return Invalid(name, value, "true or false");
                }

                _hasViolations = hasViolations;
                return null;
            case "violationPath" or "path":
                _violationPath = value;
                return null;
            case "sinceId":
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sinceId))
                {
                    return Invalid(name, value, "a call id (0 or more)");
                }

                _sinceId = sinceId;
                return null;
            case "limit":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit > MaxLimit)
                {
                    return Invalid(name, value, string.Create(CultureInfo.InvariantCulture, $"a number from 0 to {MaxLimit}"));
                }

                Limit = limit;
                return null;
            case "offset":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                {
                    return Invalid(name, value, "a number, 0 or more");
                }

                Offset = offset;
                return null;
            default:
                if (string.Equals(value, "oldest", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "newest", StringComparison.OrdinalIgnoreCase))
                {
                    NewestFirst = string.Equals(value, "newest", StringComparison.OrdinalIgnoreCase);
                    return null;
                }

                return Invalid(name, value, "oldest or newest");
        }
    }
}
