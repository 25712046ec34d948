using ChatMock.Journal;

namespace ChatMock.Testing;

/// <summary>Queries over the journal of recorded calls. Each returns a snapshot, oldest call first.</summary>
public static class CallJournalExtensions
{
    /// <summary>Returns the calls that match <paramref name="pattern"/>.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="pattern">The calls wanted, such as <c>CallPattern.AddChatMessage.ForSession(403)</c>.</param>
    /// <returns>The matching calls, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> or <paramref name="pattern"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetCalls(this ICallJournal journal, CallPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(pattern);
        return [.. journal.GetCalls().Where(pattern.Matches)];
    }

    /// <summary>Returns the AddChatMessage calls (<c>POST</c> to its path), valid or not.</summary>
    /// <param name="journal">The journal.</param>
    /// <returns>The calls, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetAddChatMessageCalls(this ICallJournal journal) =>
        journal.GetCalls(CallPattern.AddChatMessage);

    /// <summary>Returns the calls whose parsed body names the chat session <paramref name="chatSessionId"/>.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="chatSessionId">The <c>ChatSessionId</c> posted.</param>
    /// <returns>The calls, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetCallsForSession(this ICallJournal journal, int chatSessionId) =>
        journal.GetCalls(CallPattern.Any.ForSession(chatSessionId));

    /// <summary>Returns the calls answered with <paramref name="statusCode"/>.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="statusCode">The HTTP status code, such as 400.</param>
    /// <returns>The calls, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetCallsWithStatus(this ICallJournal journal, int statusCode) =>
        journal.GetCalls(CallPattern.Any.WithStatus(statusCode));

    /// <summary>Returns the calls that broke the contract.</summary>
    /// <param name="journal">The journal.</param>
    /// <returns>The calls, oldest first; each lists its <see cref="RecordedCall.Violations"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetCallsWithViolations(this ICallJournal journal) =>
        journal.GetCalls(CallPattern.Any.WithViolations());

    /// <summary>Returns the calls that broke the contract at <paramref name="path"/>.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="path">The JSON pointer of the violation, such as <c>/Message/Type</c>.</param>
    /// <returns>The calls, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> or <paramref name="path"/> is null.</exception>
    public static IReadOnlyList<RecordedCall> GetCallsWithViolationAt(this ICallJournal journal, string path) =>
        journal.GetCalls(CallPattern.Any.WithViolationAt(path));
}
