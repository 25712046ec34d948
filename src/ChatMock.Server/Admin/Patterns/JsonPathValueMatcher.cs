using AnyOfTypes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock.Matchers;
using WireMock.Models;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// WireMock's <c>matchesJsonPath</c> with a nested value pattern: the body matches when a value the expression
/// selects matches it (a string value as the string, any other value as its JSON). WireMock.Net's
/// <see cref="JsonPathMatcher"/> only tells whether the expression selects anything; it is used for that case.
/// </summary>
internal sealed class JsonPathValueMatcher(string expression, ValuePattern nested) : IStringMatcher
{
    public string Name => nameof(JsonPathValueMatcher);

    public MatchBehaviour MatchBehaviour => MatchBehaviour.AcceptOnMatch;

    public MatchOperator MatchOperator => MatchOperator.Or;

    public MatchResult IsMatch(string? input)
    {
        if (input is null)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        List<JToken> selected;
        try
        {
            selected = [.. JToken.Parse(input).SelectTokens(expression)];
        }
        catch (JsonException)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        if (selected.Count == 0)
        {
            return nested.Evaluate(null);
        }

        foreach (var token in selected)
        {
            var text = token.Type == JTokenType.String ? token.Value<string>() : token.ToString(Formatting.None);
            var result = nested.Evaluate(text);
            if (result.Exception is not null || result.IsPerfect())
            {
                return result;
            }
        }

        return MatchResult.From(Name, MatchScores.Mismatch);
    }

    public AnyOf<string, StringPattern>[] GetPatterns() => [expression];

    public string GetCSharpCodeArguments() => string.Empty;
}
