using ChatMock.Answers;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;
using Newtonsoft.Json.Linq;

namespace ChatMock.Contracts;

/// <summary>The validation step: the document against the operation's schema; violations answer 400.</summary>
internal static class ValidationStep
{
    /// <summary>
    /// Validates; null when valid (its warnings added to <paramref name="warnings"/>) or when the operation takes no
    /// body (no validator, no document), else the 400.
    /// </summary>
    public static ChatMockResponse? Check(ContractValidator? validator, JToken? document, ResponseFormat format, string operation, CallOutcome outcome, List<string> warnings)
    {
        if (validator is null || document is null)
        {
            return null;
        }

        var result = validator.Validate(document);
        if (result.IsValid)
        {
            warnings.AddRange(result.Warnings);
            return null;
        }

        outcome.Violations = ErrorAnswers.Reported(result.Violations, result.TotalViolations);
        outcome.Warnings = result.Warnings.Count > 0 ? [.. result.Warnings.Take(ErrorAnswers.MaxViolationsReported)] : null;
        return ErrorAnswers.Contract(format, operation, outcome.Violations, result.TotalViolations);
    }
}
