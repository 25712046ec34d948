namespace ChatMock.Journal;

/// <summary>
/// What filters of the journal ask about a call, kept beside its JSON so that counting and filtering read neither
/// the JSON nor anything else of the call (headers, bodies, messages), whatever the calls hold.
/// </summary>
/// <param name="Id">The call's id.</param>
/// <param name="StatusCode">The status of its answer.</param>
/// <param name="Operation">The operation it was routed to; null when none.</param>
/// <param name="ChatSessionId">The ChatSessionId posted, or null when the call has no parsed AddChatMessage body.</param>
/// <param name="ViolationCount">How many violations it has.</param>
internal readonly record struct CallSummary(long Id, int StatusCode, string? Operation, int? ChatSessionId, int ViolationCount)
{
    /// <summary>Gets whether the call was routed to no operation.</summary>
    public bool HasNoOperation => Operation is null;

    /// <summary>Whether the call's operation is <paramref name="operation"/>, compared case-insensitively as the admin API does.</summary>
    public bool IsOperation(string operation) => string.Equals(Operation, operation, StringComparison.OrdinalIgnoreCase);
}
