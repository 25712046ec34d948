using ChatMock.Contracts;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>One call as ChatMock received and answered it.</summary>
public sealed class RecordedCall
{
    /// <summary>
    /// Gets the number of the call, given when it is recorded: 1 for the first, increasing in the order calls were
    /// recorded, never reused while the instance runs (not even after the journal is cleared).
    /// </summary>
    public long Id { get; internal set; }

    /// <summary>Gets when the call arrived, from the instance's clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets how long the engine took to answer (not counting any configured delay).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the request as received; the secret part of <c>Authorization</c> is redacted.</summary>
    public required RecordedRequest Request { get; init; }

    /// <summary>Gets the operation the request was routed to, such as <c>AddChatMessage</c>; null when none matched.</summary>
    public string? Operation { get; init; }

    /// <summary>Gets the parsed AddChatMessage body; null when the body could not be read or broke the contract.</summary>
    public AddChatMessageRequest? AddChatMessage { get; init; }

    /// <summary>Gets where the request broke the contract; empty when it did not.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; init; } = [];

    /// <summary>Gets what was accepted but is worth knowing, such as a property name in another casing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets who the call said it was (scheme and Basic user name); null when it sent no credentials.</summary>
    public Credentials? Credentials { get; init; }

    /// <summary>Gets the delay added before the answer.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the fault or forced answer the call asked for with <c>Prefer</c>, such as <c>code=503</c> or <c>fault=drop</c>.</summary>
    public string? Fault { get; init; }

    /// <summary>Gets the answer.</summary>
    public required RecordedResponse Response { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Id} {Request.Method} {Request.Path}{Request.QueryString} -> {Response.StatusCode}"
        + (Violations.Count > 0 ? $" ({Violations.Count} violation(s): {string.Join("; ", Violations)})" : string.Empty);
}
