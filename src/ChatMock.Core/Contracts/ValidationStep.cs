using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;

namespace ChatMock.Contracts;

/// <summary>
/// The validation step: the document against the operation's schema; violations answer 400. A document the fast
/// path vouches for goes on as it was read; any other is checked by NJsonSchema on Newtonsoft's tree, which renames
/// properties sent in another casing, and goes on as renamed.
/// </summary>
internal static class ValidationStep
{
    /// <summary>
    /// Validates; null when valid (its warnings added to <paramref name="warnings"/>) or when the operation takes no
    /// body (no validator, no document), else the 400.
    /// </summary>
    /// <param name="validator">The operation's validator; null when it takes no body.</param>
    /// <param name="document">The body's document; null when the operation takes no body.</param>
    /// <param name="format">The negotiated answer format.</param>
    /// <param name="operation">The operation's name, for the contract error.</param>
    /// <param name="outcome">Gets the violations and warnings of a refused body.</param>
    /// <param name="warnings">Gets the warnings of a valid body.</param>
    /// <param name="validated">The document as the next steps read it: renamed where the validator renamed it.</param>
    public static ChatMockResponse? Check(ContractValidator? validator, JsonElement? document, ResponseFormat format, string operation, CallOutcome outcome, List<string> warnings, out JsonElement? validated)
    {
        validated = document;
        if (validator is null || document is not { } body)
        {
            return null;
        }

        if (validator.UsesFastPath && SchemaFastPath.IsCertainlyValid(body, validator.Schema))
        {
            return null;
        }

        var tree = NewtonsoftTree.From(body);
        var result = validator.Validate(tree);
        if (result.IsValid)
        {
            warnings.AddRange(result.Warnings);
            validated = NewtonsoftTree.ToElement(tree);
            return null;
        }

        outcome.Violations = ErrorAnswers.Reported(result.Violations, result.TotalViolations);
        outcome.Warnings = result.Warnings.Count > 0 ? [.. result.Warnings.Take(ErrorAnswers.MaxViolationsReported)] : null;
        return ErrorAnswers.Contract(format, operation, outcome.Violations, result.TotalViolations);
    }
}
