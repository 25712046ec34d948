using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatMock.Server.Admin;

/// <summary>
/// One of WireMock's value patterns, as its JSON writes them: <c>{"equalTo": "x"}</c> (with an optional
/// <c>"caseInsensitive": true</c>), <c>contains</c>, <c>doesNotContain</c>, <c>matches</c> and <c>doesNotMatch</c>
/// (regular expressions that must match the whole value), <c>absent</c>, and for bodies <c>equalToJson</c>.
/// </summary>
internal sealed class StringPattern
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly Func<string?, bool> _matches;

    private StringPattern(Func<string?, bool> matches)
    {
        _matches = matches;
    }

    /// <summary>Returns whether the value matches; null stands for a header or parameter that was not sent.</summary>
    public bool Matches(string? value) => _matches(value);

    public static bool TryParse(JsonElement element, string where, bool forBody, out StringPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} must be an object such as {{\"equalTo\": \"...\"}}.";
            return false;
        }

        var caseInsensitive = false;
        string? op = null;
        JsonElement operand = default;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "caseInsensitive" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    caseInsensitive = property.Value.GetBoolean();
                    break;
                case "ignoreArrayOrder" or "ignoreExtraElements" when forBody && property.Value.ValueKind is JsonValueKind.True:
                    error = $"{where}: '{property.Name}' is not supported by ChatMock; equalToJson compares whole documents.";
                    return false;
                case "ignoreArrayOrder" or "ignoreExtraElements" when forBody && property.Value.ValueKind is JsonValueKind.False:
                    break;
                case "equalTo" or "contains" or "doesNotContain" or "matches" or "doesNotMatch" or "absent":
                case "equalToJson" when forBody:
                    if (op is not null)
                    {
                        error = $"{where} has both '{op}' and '{property.Name}'; give one.";
                        return false;
                    }

                    op = property.Name;
                    operand = property.Value;
                    break;
                default:
                    error = $"{where}: '{property.Name}' is not supported by ChatMock; use equalTo (with caseInsensitive), contains, doesNotContain, matches, doesNotMatch, absent{(forBody ? " or equalToJson" : string.Empty)}.";
                    return false;
            }
        }

        if (op is null)
        {
            error = $"{where} has no operator such as equalTo.";
            return false;
        }

        if (op == "absent")
        {
            if (operand.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = $"{where}: 'absent' must be true or false.";
                return false;
            }

            var absent = operand.GetBoolean();
            pattern = new(value => absent ? value is null : value is not null);
            return true;
        }

        if (op == "equalToJson")
        {
            JsonNode? expected;
            try
            {
                expected = operand.ValueKind == JsonValueKind.String ? JsonNode.Parse(operand.GetString()!) : JsonNode.Parse(operand.GetRawText());
            }
            catch (JsonException ex)
            {
                error = $"{where}: 'equalToJson' is not JSON: {ex.Message}";
                return false;
            }

            pattern = new(value => value is not null && JsonEquals(expected, value));
            return true;
        }

        if (operand.ValueKind != JsonValueKind.String)
        {
            error = $"{where}: '{op}' must be a string.";
            return false;
        }

        var text = operand.GetString()!;
        var comparison = caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (op)
        {
            case "equalTo":
                pattern = new(value => value is not null && string.Equals(value, text, comparison));
                return true;
            case "contains":
                pattern = new(value => value is not null && value.Contains(text, comparison));
                return true;
            case "doesNotContain":
                pattern = new(value => value is not null && !value.Contains(text, comparison));
                return true;
            default:
                Regex regex;
                try
                {
                    regex = new Regex("^(?:" + text + ")$", RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (ArgumentException ex)
                {
                    error = $"{where}: '{op}' is not a valid regular expression: {ex.Message}";
                    return false;
                }

                var wanted = op == "matches";
                pattern = new(value => value is not null && regex.IsMatch(value) == wanted);
                return true;
        }
    }

    private static bool JsonEquals(JsonNode? expected, string value)
    {
        try
        {
            return JsonNode.DeepEquals(expected, JsonNode.Parse(value));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
