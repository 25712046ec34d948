using ChatMock.Journal;
using ChatMock.Protocol;
using ChatMock.Routing;
using Newtonsoft.Json.Linq;

namespace ChatMock.Operations;

/// <summary>What an operation handler gets: the validated call and what the protocol step found.</summary>
internal sealed class OperationCall
{
    /// <summary>Gets the operation as the contract declares it.</summary>
    public required Operation Operation { get; init; }

    /// <summary>Gets the validated body, or null when the operation takes none.</summary>
    public required JToken? Document { get; init; }

    /// <summary>Gets the path parameters, by name.</summary>
    public required IReadOnlyDictionary<string, string> PathParameters { get; init; }

    /// <summary>Gets the request's query string.</summary>
    public required string QueryString { get; init; }

    /// <summary>Gets the negotiated answer format.</summary>
    public required ResponseFormat Format { get; init; }

    /// <summary>Gets what the protocol step found: a forced status, the time zone.</summary>
    public required ProtocolFindings Found { get; init; }

    /// <summary>Gets the locale of generated data.</summary>
    public required string Locale { get; init; }

    /// <summary>Gets the warnings of the call, to add to.</summary>
    public required List<string> Warnings { get; init; }

    /// <summary>Gets or sets the operation's input as the handler read it from the document.</summary>
    public object? Input { get; set; }

    /// <summary>Gets the record of the call, for what the handler read and the fault it answered.</summary>
    public required CallOutcome Outcome { get; init; }
}
