using System.Text.Json;
using System.Text.Json.Nodes;
using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Models;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// WireMock's <c>equalToJson</c> with <c>ignoreArrayOrder</c> and/or <c>ignoreExtraElements</c>. WireMock.Net's
/// <see cref="JsonPartialMatcher"/> ignores both at once (and reads keys as JSON paths), so it would match more than
/// a stub with only one of them said; this compares exactly what the two flags allow.
/// </summary>
internal sealed class JsonEquivalenceMatcher(JsonNode? expected, bool ignoreArrayOrder, bool ignoreExtraElements) : IStringMatcher
{
    private readonly string _text = expected?.ToJsonString() ?? "null";

    public string Name => nameof(JsonEquivalenceMatcher);

    public MatchBehaviour MatchBehaviour => MatchBehaviour.AcceptOnMatch;

    public MatchOperator MatchOperator => MatchOperator.Or;

    public MatchResult IsMatch(string? input)
    {
        if (input is null)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        JsonNode? actual;
        try
        {
            actual = JsonNode.Parse(input);
        }
        catch (JsonException)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        return MatchResult.From(Name, MatchScores.ToScore(Equivalent(expected, actual)));
    }

    public AnyOf<string, StringPattern>[] GetPatterns() => [_text];

    public string GetCSharpCodeArguments() => string.Empty;

    private bool Equivalent(JsonNode? wanted, JsonNode? actual)
    {
        switch (wanted)
        {
            case null:
                return actual is null;
            case JsonObject wantedObject when actual is JsonObject actualObject:
                if (!ignoreExtraElements && wantedObject.Count != actualObject.Count)
                {
                    return false;
                }

                return wantedObject.All(p => actualObject.TryGetPropertyValue(p.Key, out var value) && Equivalent(p.Value, value));
            case JsonArray wantedArray when actual is JsonArray actualArray:
                return ArraysEquivalent(wantedArray, actualArray);
            case JsonValue when actual is JsonValue:
                return JsonNode.DeepEquals(wanted, actual);
            default:
                return false;
        }
    }

    private bool ArraysEquivalent(JsonArray wanted, JsonArray actual)
    {
        if (!ignoreExtraElements && wanted.Count != actual.Count)
        {
            return false;
        }

        if (!ignoreArrayOrder)
        {
            // In order: the wanted items are a subsequence of the actual ones (all of them, without extra elements).
            var next = 0;
            foreach (var item in wanted)
            {
                while (next < actual.Count && !Equivalent(item, actual[next]))
                {
                    if (!ignoreExtraElements)
                    {
                        return false;
                    }

                    next++;
                }

                if (next == actual.Count)
                {
                    return false;
                }

                next++;
            }

            return true;
        }

        // Any order: each wanted item takes a different actual item.
        var used = new bool[actual.Count];
        foreach (var item in wanted)
        {
            var found = false;
            for (var i = 0; i < actual.Count; i++)
            {
                if (!used[i] && Equivalent(item, actual[i]))
                {
                    used[i] = found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
