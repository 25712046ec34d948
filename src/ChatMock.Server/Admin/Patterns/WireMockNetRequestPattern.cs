using System.Text.Json;
using ChatMock.Journal;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using WireMock.Matchers;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// WireMock.Net's request model (<c>RequestModel</c>: <c>Path</c>, <c>Url</c>, <c>Methods</c>, <c>Headers</c>,
/// <c>Params</c>, <c>Cookies</c>, <c>Body</c>, each with WireMock.Net matcher models), as its .NET admin interface
/// posts it to <c>/__admin/requests/find</c>, matched against recorded calls with WireMock.Net's own matchers
/// (<see cref="BoundedRegexMatcher"/> for <c>RegexMatcher</c>, for the reason given there).
/// </summary>
internal sealed class WireMockNetRequestPattern
{
    private static readonly string[] Fields = ["Path", "Url", "Methods", "Headers", "Params", "Cookies", "Body", "ClientIP", "HttpVersion", "MethodsRejectOnMatch", "MethodsMatchOperator"];

    private readonly List<Func<RecordedCall, bool>> _parts = [];

    private WireMockNetRequestPattern()
    {
    }

    /// <exception cref="PatternException">The model is not valid, or uses a matcher ChatMock does not know.</exception>
    public static WireMockNetRequestPattern Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException("/", "The request model must be a JSON object such as {\"Path\": \"/x\", \"Methods\": [\"POST\"]}.");
        }

        var pattern = new WireMockNetRequestPattern();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var pointer = "/" + property.Name;
            switch (property.Name)
            {
                case "Path":
                    pattern.AddValue(Matchers(property.Value, pointer), call => call.Request.Path);
                    break;
                case "Url":
                    pattern.AddValue(Matchers(property.Value, pointer), call => "http://" + (call.Request.GetHeader("Host") ?? "localhost") + call.Request.Path + call.Request.QueryString);
                    break;
                case "Methods":
                    if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String))
                    {
                        throw new PatternException(pointer, "'Methods' must be an array of method names, such as [\"POST\"].");
                    }

                    var methods = property.Value.EnumerateArray().Select(m => m.GetString()).ToList();
                    pattern._parts.Add(call => methods.Any(m => string.Equals(m, call.Request.Method, StringComparison.OrdinalIgnoreCase)));
                    break;
                case "Headers":
                    pattern.AddNamed(property.Value, pointer, (call, name) => call.Request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList());
                    break;
                case "Params":
                    pattern.AddNamed(property.Value, pointer, (call, name) =>
                        QueryHelpers.ParseQuery(call.Request.QueryString).TryGetValue(name, out var values) ? [.. values.Select(v => v ?? string.Empty)] : []);
                    break;
                case "Cookies":
                    pattern.AddNamed(property.Value, pointer, (call, name) => [.. call.Request.Headers
                        .Where(h => string.Equals(h.Key, "Cookie", StringComparison.OrdinalIgnoreCase))
                        .SelectMany(h => CookieHeaderValue.TryParseList([h.Value], out var cookies) ? cookies : [])
                        .Where(c => c.Name.Value == name).Select(c => c.Value.Value ?? string.Empty)]);
                    break;
                case "Body":
                    var body = property.Value;
                    if (body.ValueKind != JsonValueKind.Object)
                    {
                        throw new PatternException(pointer, "'Body' must be an object with a 'Matcher' or 'Matchers'.");
                    }

                    var matchers = body.TryGetProperty("Matcher", out var one) && one.ValueKind == JsonValueKind.Object ? [Matcher(one, pointer + "/Matcher")]
                        : body.TryGetProperty("Matchers", out var many) && many.ValueKind == JsonValueKind.Array ? many.EnumerateArray().Select((m, i) => Matcher(m, $"{pointer}/Matchers/{i}")).ToList()
                        : throw new PatternException(pointer, "'Body' must have a 'Matcher' or 'Matchers'.");
                    pattern._parts.Add(call => matchers.All(m => Evaluate(m, call.Request.Body)));
                    break;
                default:
                    throw new PatternException(pointer, Fields.Contains(property.Name)
                        ? $"'{property.Name}' is not supported by ChatMock's request log."
                        : $"'{property.Name}' is not a field of WireMock.Net's request model; use Path, Url, Methods, Headers, Params, Cookies and Body.", Fields.Contains(property.Name) ? 422 : 400);
            }
        }

        return pattern;
    }

    /// <exception cref="PatternException">A regular expression backtracks.</exception>
    public bool Matches(RecordedCall call) => _parts.TrueForAll(part => part(call));

    private static bool Evaluate(IMatcher matcher, string? value)
    {
        if (value is null)
        {
            return false;
        }

        var result = matcher switch
        {
            IStringMatcher text => text.IsMatch(value),
            IObjectMatcher json => Try(() => json.IsMatch(JToken.Parse(value))),
            _ => MatchResult.From(nameof(WireMockNetRequestPattern), MatchScores.Mismatch),
        };
        if (result.Exception is System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new PatternException("/", $"A regular expression took longer than {BoundedRegexMatcher.Timeout.TotalMilliseconds} ms on a recorded request: it backtracks.");
        }

        return result.IsPerfect();
    }

    private static MatchResult Try(Func<MatchResult> match)
    {
        try
        {
            return match();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return MatchResult.From(nameof(WireMockNetRequestPattern), MatchScores.Mismatch);
        }
    }

    /// <summary>A path or URL: a string (a wildcard pattern, as WireMock.Net reads it) or <c>{"Matchers": [...]}</c>.</summary>
    private static List<IMatcher> Matchers(JsonElement value, string pointer) => value.ValueKind switch
    {
        JsonValueKind.String => [new WildcardMatcher(value.GetString()!)],
        JsonValueKind.Object when value.TryGetProperty("Matchers", out var matchers) && matchers.ValueKind == JsonValueKind.Array =>
            [.. matchers.EnumerateArray().Select((m, i) => Matcher(m, $"{pointer}/Matchers/{i}"))],
        _ => throw new PatternException(pointer, $"{pointer} must be a string or {{\"Matchers\": [...]}}."),
    };

    private static IMatcher Matcher(JsonElement model, string pointer)
    {
        if (model.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer, $"The matcher at {pointer} must be an object such as {{\"Name\": \"ExactMatcher\", \"Pattern\": \"...\"}}.");
        }

        var name = model.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var patterns = model.TryGetProperty("Pattern", out var p) && p.ValueKind != JsonValueKind.Null ? [p]
            : model.TryGetProperty("Patterns", out var ps) && ps.ValueKind == JsonValueKind.Array ? ps.EnumerateArray().ToList()
            : new List<JsonElement>();
        var ignoreCase = model.TryGetProperty("IgnoreCase", out var ic) && ic.ValueKind == JsonValueKind.True;
        var behaviour = model.TryGetProperty("RejectOnMatch", out var r) && r.ValueKind == JsonValueKind.True ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch;
        var texts = patterns.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
        if (texts.Length == 0 && name != nameof(NotNullOrEmptyMatcher))
        {
            throw new PatternException(pointer, $"The matcher at {pointer} has no 'Pattern'.");
        }

        try
        {
            return name switch
            {
                nameof(ExactMatcher) => new ExactMatcher(behaviour, ignoreCase, MatchOperator.Or, [.. texts.Select(t => new AnyOfTypes.AnyOf<string, WireMock.Models.StringPattern>(t))]),
                nameof(WildcardMatcher) => new WildcardMatcher(behaviour, [.. texts.Select(t => new AnyOfTypes.AnyOf<string, WireMock.Models.StringPattern>(t))], ignoreCase, MatchOperator.Or),
                nameof(RegexMatcher) => new CompositeFromTexts(texts.Select(t => new BoundedRegexMatcher(t, ignoreCase, behaviour)).ToList()),
                nameof(JsonMatcher) => new JsonMatcher(behaviour, JToken.Parse(texts[0]), ignoreCase),
                nameof(JsonPartialMatcher) => new JsonPartialMatcher(behaviour, JToken.Parse(texts[0]), ignoreCase),
                nameof(JsonPathMatcher) => new JsonPathMatcher(behaviour, MatchOperator.Or, [.. texts.Select(t => new AnyOfTypes.AnyOf<string, WireMock.Models.StringPattern>(t))]),
                nameof(XPathMatcher) => new XPathMatcher(behaviour, MatchOperator.Or, null, [.. texts.Select(t => new AnyOfTypes.AnyOf<string, WireMock.Models.StringPattern>(t))]),
                nameof(NotNullOrEmptyMatcher) => new NotNullOrEmptyMatcher(behaviour),
                _ => throw new PatternException(pointer + "/Name", $"Unknown matcher '{name}'; ChatMock's request log knows ExactMatcher, WildcardMatcher, RegexMatcher, JsonMatcher, JsonPartialMatcher, JsonPathMatcher, XPathMatcher and NotNullOrEmptyMatcher."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new PatternException(pointer, $"The matcher at {pointer} is not valid: {ex.Message}");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new PatternException(pointer, $"The JSON pattern at {pointer} is not JSON: {ex.Message}");
        }
    }

    private void AddValue(List<IMatcher> matchers, Func<RecordedCall, string> value) =>
        _parts.Add(call => matchers.Any(m => Evaluate(m, value(call))));

    private void AddNamed(JsonElement list, string pointer, Func<RecordedCall, string, List<string>> values)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new PatternException(pointer, $"{pointer} must be an array of {{\"Name\": \"...\", \"Matchers\": [...]}}.");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{pointer}/{index++}";
            var name = item.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new PatternException(at, $"{at} needs a 'Name'.");
            var reject = item.TryGetProperty("RejectOnMatch", out var r) && r.ValueKind == JsonValueKind.True;
            var matchers = item.TryGetProperty("Matchers", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select((x, i) => Matcher(x, $"{at}/Matchers/{i}")).ToList()
                : [];
            _parts.Add(call =>
            {
                var found = values(call, name);
                var matched = matchers.Count == 0 ? found.Count > 0 : found.Any(v => matchers.Any(x => Evaluate(x, v)));
                return matched != reject;
            });
        }
    }

    /// <summary>Several regular expressions of one matcher model: any matching is a match, as in WireMock.Net.</summary>
    private sealed class CompositeFromTexts(List<BoundedRegexMatcher> parts) : IStringMatcher
    {
        public string Name => nameof(RegexMatcher);

        public MatchBehaviour MatchBehaviour => parts[0].MatchBehaviour;

        public MatchOperator MatchOperator => MatchOperator.Or;

        public MatchResult IsMatch(string? input) => MatchResult.From(Name, [.. parts.Select(p => p.IsMatch(input))], MatchOperator.Or);

        public AnyOfTypes.AnyOf<string, WireMock.Models.StringPattern>[] GetPatterns() => [.. parts.SelectMany(p => p.GetPatterns())];

        public string GetCSharpCodeArguments() => string.Empty;
    }
}
