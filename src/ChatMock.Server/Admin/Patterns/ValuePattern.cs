using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using WireMock.Matchers;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// One of WireMock's value patterns, as its JSON writes them, held as a WireMock.Net matcher so that a stub and a
/// verification match alike: <c>equalTo</c> (with <c>caseInsensitive</c>) as <see cref="ExactMatcher"/>;
/// <c>contains</c>, <c>doesNotContain</c>, <c>matches</c>, <c>doesNotMatch</c> as <see cref="BoundedRegexMatcher"/>
/// (<c>matches</c> must match the whole value, as in WireMock); <c>absent</c>; <c>equalToJson</c> as
/// <see cref="JsonMatcher"/> (or <see cref="JsonEquivalenceMatcher"/> with <c>ignoreArrayOrder</c> or
/// <c>ignoreExtraElements</c>); <c>matchesJsonPath</c> as <see cref="JsonPathMatcher"/> (nested:
/// <see cref="JsonPathValueMatcher"/>); <c>matchesXPath</c> as <see cref="XPathMatcher"/> (nested:
/// <see cref="XPathValueMatcher"/>); <c>binaryEqualTo</c> as <see cref="ExactObjectMatcher"/>; <c>and</c>/<c>or</c>
/// as <see cref="CompositeMatcher"/>; <c>anything</c> as <see cref="WildcardMatcher"/>.
/// </summary>
internal sealed class ValuePattern
{
    /// <summary>WireMock operators ChatMock knows but does not translate (answered 422, naming the operator).</summary>
    private static readonly string[] NotTranslated =
        ["equalToXml", "hasExactly", "includes", "before", "after", "equalToDateTime", "equalToNumber", "greaterThanNumber", "lessThanNumber", "not"];

    private static readonly string[] Flags =
        ["caseInsensitive", "ignoreArrayOrder", "ignoreExtraElements", "enablePlaceholders", "placeholderOpening", "placeholderClosing", "expression", "xPathNamespaces"];

    private readonly string _pointer;

    private ValuePattern(string pointer, string op, IMatcher? matcher, bool? absent)
    {
        _pointer = pointer;
        Operator = op;
        Matcher = matcher;
        Absent = absent;
    }

    /// <summary>Gets the WireMock operator, such as <c>equalTo</c>.</summary>
    public string Operator { get; }

    /// <summary>Gets the WireMock.Net matcher; null for <c>absent</c>.</summary>
    public IMatcher? Matcher { get; }

    /// <summary>Gets, for <c>absent</c>, whether the value must be absent (true) or present (false).</summary>
    public bool? Absent { get; }

    /// <summary>Reads a value pattern; throws <see cref="PatternException"/> naming what is wrong.</summary>
    /// <param name="element">The pattern, such as <c>{"equalTo": "x"}</c>.</param>
    /// <param name="pointer">The JSON pointer of the pattern, for error answers.</param>
    /// <param name="forBody">Whether it is a body pattern (<c>equalToJson</c>, <c>matchesJsonPath</c>, <c>matchesXPath</c>, <c>binaryEqualTo</c> are).</param>
    public static ValuePattern Parse(JsonElement element, string pointer, bool forBody)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer, $"{pointer} must be an object such as {{\"equalTo\": \"...\"}}.");
        }

        string? op = null;
        JsonElement operand = default;
        foreach (var property in element.EnumerateObject())
        {
            if (Flags.Contains(property.Name))
            {
                continue;
            }

            if (NotTranslated.Contains(property.Name))
            {
                throw new PatternException(pointer + "/" + property.Name, $"The matcher '{property.Name}' is not translated by ChatMock; use equalTo, contains, doesNotContain, matches, doesNotMatch, absent, equalToJson, matchesJsonPath, matchesXPath, binaryEqualTo, and or or.", 422);
            }

            if (!IsOperator(property.Name))
            {
                throw new PatternException(pointer + "/" + property.Name, $"Unknown matcher '{property.Name}' at {pointer}; use equalTo, contains, doesNotContain, matches, doesNotMatch, absent, equalToJson, matchesJsonPath, matchesXPath, binaryEqualTo, and or or.");
            }

            if (op is not null)
            {
                throw new PatternException(pointer, $"{pointer} has both '{op}' and '{property.Name}'; give one matcher.");
            }

            op = property.Name;
            operand = property.Value;
        }

        if (op is null)
        {
            throw new PatternException(pointer, $"{pointer} has no matcher such as equalTo.");
        }

        if (!forBody && op is "equalToJson" or "matchesJsonPath" or "matchesXPath" or "binaryEqualTo")
        {
            throw new PatternException(pointer + "/" + op, $"'{op}' is a body pattern; at {pointer} use equalTo, contains, doesNotContain, matches, doesNotMatch, absent, and or or.");
        }

        var flags = ReadFlags(element, pointer, op);
        var at = pointer + "/" + op;
        return op switch
        {
            "absent" => new ValuePattern(pointer, op, null, Bool(operand, at)),
            "anything" => new ValuePattern(pointer, op, new WildcardMatcher("*"), null),
            "equalTo" => new ValuePattern(pointer, op, new ExactMatcher(flags.CaseInsensitive, Text(operand, at)), null),
            "contains" => new ValuePattern(pointer, op, RegexMatcher(System.Text.RegularExpressions.Regex.Escape(Text(operand, at)), at, MatchBehaviour.AcceptOnMatch, flags.CaseInsensitive), null),
            "doesNotContain" => new ValuePattern(pointer, op, RegexMatcher(System.Text.RegularExpressions.Regex.Escape(Text(operand, at)), at, MatchBehaviour.RejectOnMatch, flags.CaseInsensitive), null),
            "matches" => new ValuePattern(pointer, op, RegexMatcher(BoundedRegexMatcher.Whole(Text(operand, at)), at, MatchBehaviour.AcceptOnMatch, flags.CaseInsensitive), null),
            "doesNotMatch" => new ValuePattern(pointer, op, RegexMatcher(BoundedRegexMatcher.Whole(Text(operand, at)), at, MatchBehaviour.RejectOnMatch, flags.CaseInsensitive), null),
            "equalToJson" => new ValuePattern(pointer, op, EqualToJson(operand, at, flags), null),
            "matchesJsonPath" => new ValuePattern(pointer, op, MatchesJsonPath(operand, at), null),
            "matchesXPath" => new ValuePattern(pointer, op, MatchesXPath(operand, at), null),
            "binaryEqualTo" => new ValuePattern(pointer, op, new ExactObjectMatcher(Base64(operand, at)), null),
            _ => new ValuePattern(pointer, op, Composite(operand, at, op == "and" ? MatchOperator.And : MatchOperator.Or, forBody), null),
        };
    }

    /// <summary>Returns whether <paramref name="value"/> matches; null stands for a value that was not sent.</summary>
    /// <exception cref="PatternException">The pattern's regular expression took too long (it backtracks).</exception>
    public bool Matches(string? value, ReadOnlyMemory<byte> bytes = default)
    {
        var result = Evaluate(value, bytes);
        if (result.Exception is RegexMatchTimeoutException)
        {
            throw new PatternException(_pointer, $"The regular expression at {_pointer} took longer than {BoundedRegexMatcher.Timeout.TotalMilliseconds} ms on a recorded request: it backtracks; write it without nested repetition.");
        }

        return result.IsPerfect();
    }

    /// <summary>Matches <paramref name="value"/>, giving WireMock.Net's result (its exception, if the match failed).</summary>
    public MatchResult Evaluate(string? value, ReadOnlyMemory<byte> bytes = default)
    {
        if (Absent is { } absent)
        {
            return MatchResult.From(Operator, MatchScores.ToScore(absent ? value is null : value is not null));
        }

        if (value is null)
        {
            return MatchResult.From(Operator, MatchScores.Mismatch);
        }

        switch (Matcher)
        {
            case ExactObjectMatcher binary:
                return binary.IsMatch(bytes.IsEmpty ? System.Text.Encoding.UTF8.GetBytes(value) : bytes.ToArray());
            case IObjectMatcher json:
                JToken token;
                try
                {
                    token = JToken.Parse(value);
                }
                catch (Newtonsoft.Json.JsonException)
                {
                    return MatchResult.From(Operator, MatchScores.Mismatch);
                }

                return json.IsMatch(token);
            case IStringMatcher text:
                return text.IsMatch(value);
            default:
                return MatchResult.From(Operator, MatchScores.Mismatch);
        }
    }

    private static bool IsOperator(string name) => name is "equalTo" or "contains" or "doesNotContain" or "matches" or "doesNotMatch" or "absent"
        or "equalToJson" or "matchesJsonPath" or "matchesXPath" or "binaryEqualTo" or "and" or "or" or "anything";

    private static (bool CaseInsensitive, bool IgnoreArrayOrder, bool IgnoreExtraElements) ReadFlags(JsonElement element, string pointer, string op)
    {
        bool Flag(string name, params string[] allowedWith)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return false;
            }

            if (!allowedWith.Contains(op))
            {
                throw new PatternException(pointer + "/" + name, $"'{name}' does not go with '{op}' at {pointer}; it goes with {string.Join(" or ", allowedWith)}.");
            }

            return Bool(value, pointer + "/" + name);
        }

        var result = (Flag("caseInsensitive", "equalTo", "contains", "doesNotContain", "matches", "doesNotMatch"), Flag("ignoreArrayOrder", "equalToJson"), Flag("ignoreExtraElements", "equalToJson"));
        foreach (var name in (string[])["enablePlaceholders", "placeholderOpening", "placeholderClosing", "xPathNamespaces"])
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.False or JsonValueKind.Null))
            {
                throw new PatternException(pointer + "/" + name, $"'{name}' is not translated by ChatMock.", 422);
            }
        }

        if (element.TryGetProperty("expression", out _))
        {
            throw new PatternException(pointer + "/expression", $"'expression' belongs inside matchesJsonPath or matchesXPath, as {{\"matchesJsonPath\": {{\"expression\": \"$.a\", \"equalTo\": \"1\"}}}}.");
        }

        return result;
    }

    private static string Text(JsonElement operand, string pointer) =>
        operand.ValueKind == JsonValueKind.String ? operand.GetString()! : throw new PatternException(pointer, $"{pointer} must be a string.");

    private static bool Bool(JsonElement operand, string pointer) =>
        operand.ValueKind is JsonValueKind.True or JsonValueKind.False ? operand.GetBoolean() : throw new PatternException(pointer, $"{pointer} must be true or false.");

    private static byte[] Base64(JsonElement operand, string pointer)
    {
        try
        {
            return Convert.FromBase64String(Text(operand, pointer));
        }
        catch (FormatException)
        {
            throw new PatternException(pointer, $"{pointer} must be base64, such as \"AQID\".");
        }
    }

    private static BoundedRegexMatcher RegexMatcher(string pattern, string pointer, MatchBehaviour behaviour, bool ignoreCase)
    {
        try
        {
            return new BoundedRegexMatcher(pattern, ignoreCase, behaviour);
        }
        catch (ArgumentException ex)
        {
            throw new PatternException(pointer, $"{pointer} is not a valid regular expression: {ex.Message}");
        }
    }

    private static IMatcher EqualToJson(JsonElement operand, string pointer, (bool CaseInsensitive, bool IgnoreArrayOrder, bool IgnoreExtraElements) flags)
    {
        var text = operand.ValueKind == JsonValueKind.String ? operand.GetString()! : operand.GetRawText();
        JsonNode? expected;
        try
        {
            expected = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PatternException(pointer, $"{pointer} is not JSON: {ex.Message}");
        }

        return flags.IgnoreArrayOrder || flags.IgnoreExtraElements
            ? new JsonEquivalenceMatcher(expected, flags.IgnoreArrayOrder, flags.IgnoreExtraElements)
            : new JsonMatcher(JToken.Parse(text));
    }

    private static IMatcher MatchesJsonPath(JsonElement operand, string pointer)
    {
        var (expression, nested) = Expression(operand, pointer, forJson: true);
        return nested is null ? new JsonPathMatcher(expression) : new JsonPathValueMatcher(expression, nested);
    }

    private static IMatcher MatchesXPath(JsonElement operand, string pointer)
    {
        var (expression, nested) = Expression(operand, pointer, forJson: false);
        try
        {
            System.Xml.XPath.XPathExpression.Compile(expression);
        }
        catch (System.Xml.XPath.XPathException ex)
        {
            throw new PatternException(pointer, $"{pointer} is not a valid XPath expression: {ex.Message}");
        }

        return nested is null ? new XPathMatcher(expression) : new XPathValueMatcher(expression, nested);
    }

    private static (string Expression, ValuePattern? Nested) Expression(JsonElement operand, string pointer, bool forJson)
    {
        if (operand.ValueKind == JsonValueKind.String)
        {
            return (Check(operand.GetString()!), null);
        }

        if (operand.ValueKind != JsonValueKind.Object || !operand.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.String)
        {
            throw new PatternException(pointer, $"{pointer} must be an expression string, or an object with 'expression' and a matcher such as {{\"expression\": \"$.a\", \"equalTo\": \"1\"}}.");
        }

        // The nested matcher is the object less its expression.
        var rest = new JsonObject();
        foreach (var property in operand.EnumerateObject().Where(p => p.Name != "expression"))
        {
            rest[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        using var document = JsonDocument.Parse(rest.ToJsonString());
        return (Check(expression.GetString()!), Parse(document.RootElement.Clone(), pointer, forBody: false));

        string Check(string text)
        {
            if (forJson)
            {
                try
                {
                    _ = new JObject().SelectTokens(text).Any();
                }
#pragma warning disable CA1031 // Newtonsoft's path parser throws JsonException, IndexOutOfRangeException and more for a bad path.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    throw new PatternException(pointer, $"{pointer} is not a valid JSON path: {ex.Message}");
                }
            }

            return text;
        }
    }

    private static CompositeMatcher Composite(JsonElement operand, string pointer, MatchOperator matchOperator, bool forBody)
    {
        if (operand.ValueKind != JsonValueKind.Array || operand.GetArrayLength() == 0)
        {
            throw new PatternException(pointer, $"{pointer} must be a non-empty array of matchers.");
        }

        var parts = operand.EnumerateArray().Select((item, i) => Parse(item, $"{pointer}/{i}", forBody)).ToList();
        return new CompositeMatcher(matchOperator, parts);
    }
}
