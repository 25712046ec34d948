using System.Text.Json;
using ChatMock.Journal;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Operations;

/// <summary>What an operation handler gets: the validated call and what the protocol step found.</summary>
internal sealed class OperationCall
{
    /// <summary>Gets the operation as the contract declares it.</summary>
    public required Operation Operation { get; init; }

    /// <summary>
    /// Gets the call's input as one document with the agent call's parameter names: the validated body's properties
    /// (or the body under <c>bodyAs</c>), with the typed path and query parameters beside them.
    /// </summary>
    public required JsonElement Document { get; init; }

    /// <summary>Gets the negotiated answer format.</summary>
    public required ResponseFormat Format { get; init; }

    /// <summary>Gets what the protocol step found: a forced status, the time zone.</summary>
    public required ProtocolFindings Found { get; init; }

    /// <summary>Gets how the answer is written: <c>$select</c> and the time zone.</summary>
    public required Answers.AnswerStyle Style { get; init; }

    /// <summary>Gets the locale of generated data.</summary>
    public required string Locale { get; init; }

    /// <summary>Gets the warnings of the call, to add to.</summary>
    public required List<string> Warnings { get; init; }

    /// <summary>Gets or sets the operation's input as the handler read it from the document.</summary>
    public object? Input { get; set; }

    /// <summary>Gets the record of the call, for what the handler read and the fault it answered.</summary>
    public required CallOutcome Outcome { get; init; }
}

/// <summary>Reads the call's parameters from its input document.</summary>
internal static class OperationCallInput
{
    /// <summary>An int32 parameter, or null when the call left it out or sent null.</summary>
    public static int? Int(this OperationCall call, string name) =>
        call.Document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>A boolean parameter, or null when the call left it out or sent null.</summary>
    public static bool? Bool(this OperationCall call, string name) =>
        call.Document.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>An object parameter (a posted carrier), or null.</summary>
    public static JsonElement? Object(this OperationCall call, string name) =>
        call.Document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
