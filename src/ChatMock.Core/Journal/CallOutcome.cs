using ChatMock.Contracts;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>What handling one request found out, filled in by each step, for the journal.</summary>
internal sealed class CallOutcome
{
    /// <summary>Gets or sets the operation's name.</summary>
    public string? Operation { get; set; }

    /// <summary>Gets or sets the request as the operation read it.</summary>
    public AddChatMessageRequest? Request { get; set; }

    /// <summary>Gets or sets the answered message.</summary>
    public ChatMessage? Message { get; set; }

    /// <summary>
    /// Gets or sets the answer's body when it is <see cref="Message"/> exactly as the journal writes a message (JSON by
    /// the model's writer, nothing selected away); null otherwise.
    /// </summary>
    public byte[]? MessageBody { get; set; }

    /// <summary>Gets or sets the credentials the request carried.</summary>
    public Credentials? Credentials { get; set; }

    /// <summary>Gets or sets the delay of the answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets or sets the fault the request asked for.</summary>
    public string? Fault { get; set; }

    /// <summary>Gets or sets the contract violations.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; set; } = [];

    /// <summary>Gets or sets the warnings.</summary>
    public List<string>? Warnings { get; set; }
}
