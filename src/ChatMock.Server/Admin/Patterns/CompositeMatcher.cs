using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Models;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>WireMock's <c>and</c> and <c>or</c> of value patterns, as one WireMock.Net matcher.</summary>
internal sealed class CompositeMatcher(MatchOperator matchOperator, IReadOnlyList<ValuePattern> parts) : IStringMatcher
{
    public string Name => matchOperator == MatchOperator.And ? "AndMatcher" : "OrMatcher";

    public MatchBehaviour MatchBehaviour => MatchBehaviour.AcceptOnMatch;

    public MatchOperator MatchOperator => matchOperator;

    public MatchResult IsMatch(string? input)
    {
        var results = new List<MatchResult>(parts.Count);
        foreach (var part in parts)
        {
            var result = part.Evaluate(input);
            if (result.Exception is not null)
            {
                return result;
            }

            results.Add(result);
        }

        return MatchResult.From(Name, results, matchOperator);
    }

    public AnyOf<string, StringPattern>[] GetPatterns() => [];

    public string GetCSharpCodeArguments() => string.Empty;
}
