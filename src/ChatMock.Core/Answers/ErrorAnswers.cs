using System.Globalization;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Answers;

/// <summary>The error answers: SuperOffice's envelope (DESIGN.md D1), in JSON or XML.</summary>
internal static class ErrorAnswers
{
    /// <summary>The most violations one answer lists; one more entry counts the rest.</summary>
    public const int MaxViolationsReported = 100;

    /// <summary>The most characters of a violation's path or message an answer shows.</summary>
    private const int MaxViolationText = 300;

    /// <summary>An error answer.</summary>
    public static ChatMockResponse Error(
        ResponseFormat format,
        int status,
        string errorType,
        string message,
        IReadOnlyList<ContractViolation>? violations = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null) => new()
        {
            StatusCode = status,
            ContentType = format.ContentType,
            Body = format.IsXml ? ErrorEnvelope.ToXml(errorType, message, violations) : ErrorEnvelope.ToJson(errorType, message, violations),
            Headers = headers ?? [],
        };

    /// <summary>The 404 of a path no operation is served on, naming the served operations.</summary>
    public static ChatMockResponse NotFound(ResponseFormat format, string path, string served) =>
        Error(format, 404, ErrorTypes.NotFound, $"No operation at {Echo.Of(path, 200)}. ChatMock serves {served}.");

    /// <summary>The 404 of a session, topic or other entity that does not exist: <c>ChatSession id 7 not found</c>.</summary>
    public static ChatMockResponse Missing(ResponseFormat format, string what) =>
        Error(format, 404, ErrorTypes.NotFound, what + " not found.");

    /// <summary>The 507 of a store limit: nothing was stored, and what is stored stays.</summary>
    public static ChatMockResponse StoreFull(ResponseFormat format, string message) =>
        Error(format, 507, ErrorTypes.StoreFull, message);

    /// <summary>The 405 of a method no operation on the path takes, with <c>Allow</c>.</summary>
    public static ChatMockResponse MethodNotAllowed(ResponseFormat format, string method, OperationPath path) =>
        Error(format, 405, ErrorTypes.MethodNotAllowed, $"{method} is not allowed on {path.Template}; use {path.Use}.", headers: [new("Allow", path.Allow)]);

    /// <summary>The 406 of an <c>Accept</c> header none of whose media types ChatMock answers.</summary>
    public static ChatMockResponse NotAcceptable(string? accept) =>
        Error(ResponseFormat.Json, 406, ErrorTypes.NotAcceptable, $"None of the media types in 'Accept: {Echo.Of(accept)}' can be answered; ChatMock answers {ContentNegotiation.SupportedList}.");

    /// <summary>The 400 of a request that breaks the operation's contract.</summary>
    public static ChatMockResponse Contract(ResponseFormat format, string operation, IReadOnlyList<ContractViolation> violations, int total)
    {
        // The first violation written straight in (as its ToString reads), not made into a string of its own first.
        var first = violations[0];
        var (path, separator) = first.Path.Length == 0 ? (string.Empty, string.Empty) : (first.Path, ": ");
        var summary = total == 1
            ? $"The request breaks the {operation} contract: {path}{separator}{first.Message}"
            : string.Create(CultureInfo.InvariantCulture, $"The request breaks the {operation} contract in {total} places; the first: {path}{separator}{first.Message}");
        return Error(format, 400, ErrorTypes.ContractViolation, summary, violations);
    }

    /// <summary>The answer a <c>Prefer: code=</c> forces; <paramref name="missing"/> names what a 404 did not find.</summary>
    public static ChatMockResponse Forced(ResponseFormat format, int code, string missing)
    {
        var suffix = $" (forced by Prefer: code={code})";
        return code switch
        {
            400 => Error(format, 400, ErrorTypes.ContractViolation, "The request was refused as a bad request" + suffix + "."),
            401 => Error(format, 401, ErrorTypes.Authentication, "The credentials were refused" + suffix + ".", headers: [new("WWW-Authenticate", Authenticator.Challenge)]),
            404 => Error(format, 404, ErrorTypes.NotFound, $"{missing} not found{suffix}."),
            503 => Error(format, 503, ErrorTypes.ServiceUnavailable, "The service is unavailable" + suffix + ".", headers: [new("Retry-After", "5")]),
            _ => Error(format, 500, ErrorTypes.Forced, "An unexpected error occurred on the server" + suffix + "."),
        };
    }

    /// <summary>
    /// The violations as answered and recorded: at most <see cref="MaxViolationsReported"/>, then one that counts the
    /// rest, each path and message cut to a few hundred characters, so that an answer never echoes a body back many
    /// times over.
    /// </summary>
    public static IReadOnlyList<ContractViolation> Reported(IReadOnlyList<ContractViolation> violations, int total)
    {
        if (total == violations.Count && total <= MaxViolationsReported && !HasLongText(violations))
        {
            // The usual case, as it is: no copy.
            return violations;
        }

        var kept = Math.Min(violations.Count, MaxViolationsReported);
        var reported = new List<ContractViolation>(kept + 1);
        for (var i = 0; i < kept; i++)
        {
            var violation = violations[i];
            reported.Add(violation.Path.Length <= MaxViolationText && violation.Message.Length <= MaxViolationText
                ? violation
                : new ContractViolation(Cut(violation.Path), Cut(violation.Message)));
        }

        if (total > kept)
        {
            reported.Add(new ContractViolation(string.Empty, string.Create(CultureInfo.InvariantCulture,
                $"{total - kept} more violations are not listed; the request breaks the contract in {total} places.")));
        }

        return reported;

        static string Cut(string text) => text.Length <= MaxViolationText ? text : string.Concat(text.AsSpan(0, MaxViolationText), "…");
    }

    private static bool HasLongText(IReadOnlyList<ContractViolation> violations)
    {
        for (var i = 0; i < violations.Count; i++)
        {
            if (violations[i].Path.Length > MaxViolationText || violations[i].Message.Length > MaxViolationText)
            {
                return true;
            }
        }

        return false;
    }
}
