using System.Globalization;
using System.Text;
using ChatMock.Journal;

namespace ChatMock.Testing;

/// <summary>
/// Describes the calls a test is looking for, such as "AddChatMessage calls with ChatSessionId 403": used to query
/// the journal (<see cref="CallJournalExtensions.GetCalls(ICallJournal, CallPattern)"/>) and to assert on it
/// (<see cref="Received"/>). Patterns are immutable; each method returns a new, narrower one.
/// </summary>
/// <example>
/// <code>
/// var pattern = CallPattern.AddChatMessage.ForSession(403).WithMessageText("Your order has shipped.");
/// Assert.That(chatMock.Journal, Received.Exactly(1, pattern));
/// </code>
/// </example>
public sealed class CallPattern
{
    private const string AddChatMessageOperation = "AddChatMessage";
    private const string NotAnAddChatMessageCall = "not an AddChatMessage call";

    private readonly string _noun;
    private readonly CallCriterion[] _criteria;

    private CallPattern(string noun, CallCriterion[] criteria)
    {
        _noun = noun;
        _criteria = criteria;
    }

    /// <summary>Gets a pattern that every call matches, whatever its path, method or answer.</summary>
    public static CallPattern Any { get; } = new("call", []);

    /// <summary>
    /// Gets a pattern that matches AddChatMessage calls: <c>POST</c> to the AddChatMessage path, whether the body
    /// kept the contract or not.
    /// </summary>
    public static CallPattern AddChatMessage { get; } = new("AddChatMessage call",
    [
        new(string.Empty, call =>
            call.Operation == AddChatMessageOperation && string.Equals(call.Request.Method, "POST", StringComparison.OrdinalIgnoreCase)
                ? null
                : NotAnAddChatMessageCall),
    ]);

    /// <summary>
    /// Returns a pattern that matches the calls of one operation, by its name in contracts/openapi.json (the
    /// handler, such as <c>GetChatMessages</c> or <c>SaveChatSessionEntity</c>): the agent call
    /// (<c>POST /api/v1/Agents/Chat/&lt;Name&gt;</c>) and its REST twins (such as
    /// <c>GET /api/v1/ChatSession/{id}/Messages</c>), whether the request kept the contract or not. The GET that
    /// describes an agent call is not a call of it.
    /// </summary>
    /// <param name="operation">The operation's name, matched case-insensitively.</param>
    /// <returns>A new pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    /// <exception cref="ArgumentException">ChatMock has no operation of that name.</exception>
    public static CallPattern Operation(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var name = ChatMock.Operations.OperationHandlers.Names.FirstOrDefault(n => string.Equals(n, operation, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"ChatMock has no operation '{operation}'; the operations are {string.Join(", ", ChatMock.Operations.OperationHandlers.Names.Order(StringComparer.Ordinal))}.",
                nameof(operation));
        return new(name + " call",
        [
            new(string.Empty, call =>
                !string.Equals(call.Operation, name, StringComparison.Ordinal)
                    ? call.Operation is null ? "no operation (" + call.Request.Method + " " + call.Request.Path + ")" : "operation was " + call.Operation
                    : IsDescription(call) ? "a GET describing the agent call" : null),
        ]);
    }

    /// <summary>Narrows the pattern to calls whose parsed body names the chat session <paramref name="chatSessionId"/>.</summary>
    /// <param name="chatSessionId">The <c>ChatSessionId</c> posted.</param>
    /// <returns>A new pattern.</returns>
    public CallPattern ForSession(int chatSessionId) => With(new(
        string.Create(CultureInfo.InvariantCulture, $"with ChatSessionId {chatSessionId}"),
        call => call.AddChatMessage is not { } body
            ? NoBody(call)
            : body.ChatSessionId == chatSessionId ? null : string.Create(CultureInfo.InvariantCulture, $"ChatSessionId was {body.ChatSessionId}"),
        needsBody: true));

    /// <summary>Narrows the pattern to calls that posted a message with exactly this text (ordinal comparison).</summary>
    /// <param name="text">The <c>Message.Message</c> posted; null for a message posted with null text.</param>
    /// <returns>A new pattern.</returns>
    public CallPattern WithMessageText(string? text) => With(new(
        "with message text " + Quote(text),
        call => call.AddChatMessage is not { } body
            ? NoBody(call)
            : body.Message is not { } message
                ? "Message was null"
                : string.Equals(message.Message, text, StringComparison.Ordinal) ? null : "message text was " + Quote(message.Message),
        needsBody: true));

    /// <summary>Narrows the pattern to calls answered with <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The HTTP status code of the answer, such as 200 or 400.</param>
    /// <returns>A new pattern.</returns>
    public CallPattern WithStatus(int statusCode) => With(new(
        string.Create(CultureInfo.InvariantCulture, $"with status {statusCode}"),
        call => call.Response.StatusCode == statusCode
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"status was {call.Response.StatusCode}")));

    /// <summary>Narrows the pattern to calls that broke the contract somewhere.</summary>
    /// <returns>A new pattern.</returns>
    public CallPattern WithViolations() => With(new(
        "with violations",
        call => call.Violations.Count > 0 ? null : "no violations"));

    /// <summary>Narrows the pattern to calls that broke the contract at <paramref name="path"/>.</summary>
    /// <param name="path">The JSON pointer of the violation, such as <c>/Message/Type</c>.</param>
    /// <returns>A new pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public CallPattern WithViolationAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return With(new(
            "with a violation at " + Pointer(path),
            call =>
            {
                if (call.Violations.Count == 0)
                {
                    return "no violations";
                }

                foreach (var violation in call.Violations)
                {
                    if (string.Equals(violation.Path, path, StringComparison.Ordinal))
                    {
                        return null;
                    }
                }

                return "violations at " + string.Join(", ", call.Violations.Select(v => Pointer(v.Path)).Distinct(StringComparer.Ordinal)) + " instead";
            }));
    }

    /// <summary>Narrows the pattern to calls that kept the contract.</summary>
    /// <returns>A new pattern.</returns>
    public CallPattern WithoutViolations() => With(new(
        "without violations",
        call => call.Violations.Count switch
        {
            0 => null,
            1 => "1 violation: " + call.Violations[0],
            var n => string.Create(CultureInfo.InvariantCulture, $"{n} violations, the first: {call.Violations[0]}"),
        }));

    /// <summary>Narrows the pattern with a condition of one's own.</summary>
    /// <param name="predicate">Returns whether a call matches.</param>
    /// <param name="description">
    /// What the condition asks for, as a phrase that follows "call", such as <c>from user tje0</c>; a failure message
    /// says "not from user tje0" for a call that does not meet it.
    /// </param>
    /// <returns>A new pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="description"/> is null.</exception>
    public CallPattern Where(Func<RecordedCall, bool> predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(description);
        return With(new(description, call => predicate(call) ? null : "not " + description));
    }

    /// <summary>Returns whether <paramref name="call"/> matches the pattern.</summary>
    /// <param name="call">A recorded call.</param>
    /// <returns><see langword="true"/> when the call meets every condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    public bool Matches(RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var criterion in _criteria)
        {
            if (criterion.Explain(call) is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns why <paramref name="call"/> does not match the pattern, one reason per condition it fails.</summary>
    /// <param name="call">A recorded call.</param>
    /// <returns>The reasons, such as <c>ChatSessionId was 404</c>; empty when the call matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    public IReadOnlyList<string> Explain(RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Mismatch(call).Reasons;
    }

    /// <summary>Describes the pattern, such as <c>AddChatMessage call with ChatSessionId 403</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Describe(plural: false);

    /// <summary>Describes the pattern in the singular or the plural: <c>AddChatMessage calls with ChatSessionId 403</c>.</summary>
    internal string Describe(bool plural)
    {
        var text = new StringBuilder(plural ? _noun + "s" : _noun);
        var phrases = _criteria.Where(c => c.Phrase.Length > 0).Select(c => c.Phrase).ToList();
        for (var i = 0; i < phrases.Count; i++)
        {
            var phrase = phrases[i];
            if (i > 0)
            {
                text.Append(i == phrases.Count - 1 ? " and " : ", ");
                if (phrase.StartsWith("with ", StringComparison.Ordinal) && phrases[i - 1].StartsWith("with ", StringComparison.Ordinal))
                {
                    phrase = phrase["with ".Length..];
                }
            }
            else
            {
                text.Append(' ');
            }

            text.Append(phrase);
        }

        return text.ToString();
    }

    /// <summary>Counts the conditions <paramref name="call"/> fails and says why; the count ranks the nearest calls.</summary>
    internal (int Failed, IReadOnlyList<string> Reasons) Mismatch(RecordedCall call)
    {
        var failed = 0;
        var reasons = new List<string>();
        foreach (var criterion in _criteria)
        {
            if (criterion.Explain(call) is not { } reason)
            {
                continue;
            }

            failed++;
            var saidEnough = criterion.NeedsBody && reasons.Contains(NotAnAddChatMessageCall);
            if (!saidEnough && !reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }

        return (failed, reasons);
    }

    private static string NoBody(RecordedCall call) => call.Violations.Count switch
    {
        0 => "no AddChatMessage body",
        1 => "the body broke the contract: " + call.Violations[0],
        var n => string.Create(CultureInfo.InvariantCulture, $"the body broke the contract in {n} places, the first: {call.Violations[0]}"),
    };

    /// <summary>Whether the call is the GET that describes an agent call (<c>/api/v1/Agents/...</c>) rather than a call of it.</summary>
    private static bool IsDescription(RecordedCall call) =>
        string.Equals(call.Request.Method, "GET", StringComparison.OrdinalIgnoreCase)
        && call.Request.Path.StartsWith("/api/v1/Agents/", StringComparison.OrdinalIgnoreCase);

    private static string Quote(string? text) => text is null ? "null" : "\"" + text + "\"";

    private static string Pointer(string path) => path.Length == 0 ? "the whole body" : path;

    private CallPattern With(CallCriterion criterion) => new(_noun, [.. _criteria, criterion]);
}
