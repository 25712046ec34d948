using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatMock.Journal;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// A WireMock request pattern (<c>method</c>; one of <c>url</c>, <c>urlPath</c>, <c>urlPattern</c>,
/// <c>urlPathPattern</c>; <c>headers</c>; <c>cookies</c>; <c>queryParameters</c>; <c>basicAuthCredentials</c>;
/// <c>bodyPatterns</c>), read once and used two ways: to count, find and remove recorded calls (and score near
/// misses), and as the request side of a stub translated to WireMock.Net (<see cref="ToRequestBuilder"/>). Anything
/// else is refused rather than ignored, so that neither a count nor a stub is ever wider than what was written.
/// </summary>
internal sealed class RequestPattern
{
    /// <summary>WireMock request fields ChatMock knows but does not translate.</summary>
    private static readonly string[] NotTranslated =
        ["urlPathTemplate", "pathParameters", "formParameters", "multipartPatterns", "host", "port", "scheme", "clientIp", "customMatcher"];

    private readonly List<Func<RecordedCall, bool>> _parts = [];
    private readonly List<Func<IRequestBuilder, IRequestBuilder>> _stub = [];
    private bool _hasMethod;

    private RequestPattern()
    {
    }

    /// <summary>Gets whether the pattern says anything about the URL (a stub must).</summary>
    public bool HasUrl { get; private set; }

    /// <summary>Reads a pattern from JSON text; an empty body is the pattern that matches every request.</summary>
    /// <exception cref="PatternException">The pattern is not valid, or uses what ChatMock does not translate.</exception>
    public static RequestPattern Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException ex)
        {
            throw new PatternException("/", "The request pattern is not JSON: " + ex.Message);
        }

        using (document)
        {
            return Parse(document.RootElement, string.Empty);
        }
    }

    /// <summary>Reads a pattern from an element; <paramref name="pointer"/> is where it sits in the document (empty at the root).</summary>
    /// <exception cref="PatternException">The pattern is not valid, or uses what ChatMock does not translate.</exception>
    public static RequestPattern Parse(JsonElement element, string pointer)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer + "/", "The request pattern must be a JSON object such as {\"method\": \"POST\", \"url\": \"/api/v1/Agents/Chat/AddChatMessage\"}.");
        }

        var pattern = new RequestPattern();
        foreach (var property in element.EnumerateObject())
        {
            pattern.Read(property, pointer + "/" + property.Name);
        }

        return pattern;
    }

    /// <summary>Returns whether the call matches every part of the pattern.</summary>
    /// <exception cref="PatternException">A regular expression of the pattern backtracks.</exception>
    public bool Matches(RecordedCall call) => _parts.TrueForAll(part => part(call));

    /// <summary>Returns how far the call is from the pattern: the share of its parts the call misses (0 is a match).</summary>
    /// <exception cref="PatternException">A regular expression of the pattern backtracks.</exception>
    public double Distance(RecordedCall call) =>
        _parts.Count == 0 ? 0 : (double)_parts.Count(part => !part(call)) / _parts.Count;

    /// <summary>Builds the WireMock.Net request matcher of a stub with this pattern.</summary>
    public IRequestBuilder ToRequestBuilder()
    {
        IRequestBuilder builder = Request.Create();
        foreach (var step in _stub)
        {
            builder = step(builder);
        }

        if (!_hasMethod)
        {
            builder = builder.UsingAnyMethod();
        }

        return builder;
    }

    private static IEnumerable<string> Values(IEnumerable<KeyValuePair<string, string>> pairs, string name) =>
        pairs.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value);

    /// <summary>A named value (header, cookie, parameter) matches when one of its values does; a pattern such as absent sees null when none was sent.</summary>
    private static bool AnyMatches(ValuePattern pattern, IEnumerable<string> values)
    {
        var any = false;
        foreach (var value in values)
        {
            any = true;
            if (pattern.Matches(value))
            {
                return true;
            }
        }

        return !any && pattern.Matches(null);
    }

    private static IEnumerable<string> Cookies(RecordedRequest request, string name)
    {
        foreach (var header in Values(request.Headers, "Cookie"))
        {
            if (CookieHeaderValue.TryParseList([header], out var cookies))
            {
                foreach (var cookie in cookies.Where(c => string.Equals(c.Name.Value, name, StringComparison.Ordinal)))
                {
                    yield return cookie.Value.Value ?? string.Empty;
                }
            }
        }
    }

    private static IEnumerable<string> Query(RecordedRequest request, string name) =>
        QueryHelpers.ParseQuery(request.QueryString).TryGetValue(name, out var values) ? values.Select(v => v ?? string.Empty) : [];

    private static IStringMatcher StringMatcher(ValuePattern pattern) =>
        pattern.Matcher as IStringMatcher ?? throw new PatternException("/", $"'{pattern.Operator}' cannot match a header, cookie or parameter.");

    private void Read(JsonProperty property, string pointer)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case "method":
                ReadMethod(value, pointer);
                break;
            case "url" or "urlPath" or "urlPattern" or "urlPathPattern":
                ReadUrl(property.Name, value, pointer);
                break;
            case "headers":
                ReadNamed(value, pointer, (name, pattern) =>
                {
                    _parts.Add(call => AnyMatches(pattern, Values(call.Request.Headers, name)));
                    _stub.Add(pattern.Absent is { } absent
                        ? b => b.WithHeader(name, "*", absent ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch)
                        : b => b.WithHeader(name, true, MatchBehaviour.AcceptOnMatch, MatchOperator.Or, StringMatcher(pattern)));
                });
                break;
            case "cookies":
                ReadNamed(value, pointer, (name, pattern) =>
                {
                    _parts.Add(call => AnyMatches(pattern, Cookies(call.Request, name)));
                    _stub.Add(pattern.Absent is { } absent
                        ? b => b.WithCookie(name, "*", absent ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch)
                        : b => b.WithCookie(name, false, MatchBehaviour.AcceptOnMatch, StringMatcher(pattern)));
                });
                break;
            case "queryParameters":
                ReadNamed(value, pointer, (name, pattern) =>
                {
                    _parts.Add(call => AnyMatches(pattern, Query(call.Request, name)));
                    _stub.Add(pattern.Absent is { } absent
                        ? b => b.WithParam(name, absent ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch)
                        : b => b.WithParam(name, MatchBehaviour.AcceptOnMatch, false, StringMatcher(pattern)));
                });
                break;
            case "basicAuthCredentials":
                ReadBasicAuth(value, pointer);
                break;
            case "bodyPatterns":
                ReadBody(value, pointer);
                break;
            default:
                if (NotTranslated.Contains(property.Name))
                {
                    throw new PatternException(pointer, $"'{property.Name}' is not translated by ChatMock; a request pattern may have method, url, urlPath, urlPattern, urlPathPattern, headers, cookies, queryParameters, basicAuthCredentials and bodyPatterns.", 422);
                }

                throw new PatternException(pointer, $"'{property.Name}' is not a field of a WireMock request pattern; use method, url, urlPath, urlPattern, urlPathPattern, headers, cookies, queryParameters, basicAuthCredentials and bodyPatterns.");
        }
    }

    private void ReadMethod(JsonElement value, string pointer)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new PatternException(pointer, "'method' must be a string such as \"POST\" or \"ANY\".");
        }

        var method = value.GetString()!;
        if (string.Equals(method, "ANY", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _hasMethod = true;
        _parts.Add(call => string.Equals(method, call.Request.Method, StringComparison.OrdinalIgnoreCase));
        _stub.Add(b => b.UsingMethod(method.ToUpperInvariant()));
    }

    private void ReadUrl(string name, JsonElement value, string pointer)
    {
        if (HasUrl)
        {
            throw new PatternException(pointer, $"'{name}' is given with another of url, urlPath, urlPattern and urlPathPattern; give one.");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PatternException(pointer, $"'{name}' must be a string.");
        }

        HasUrl = true;
        var text = value.GetString()!;

        // WireMock.Net matches a URL matcher against the whole URL, scheme and host included: allow any of those in front.
        const string Origin = "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/]*)?";
        switch (name)
        {
            case "url":
                _parts.Add(call => string.Equals(call.Request.Path + call.Request.QueryString, text, StringComparison.Ordinal));
                _stub.Add(b => b.WithUrl(new BoundedRegexMatcher(Origin + Regex.Escape(text) + "$")));
                break;
            case "urlPath":
                _parts.Add(call => string.Equals(call.Request.Path, text, StringComparison.Ordinal));
                _stub.Add(b => b.WithPath(new ExactMatcher(text)));
                break;
            default:
                // The same pattern as a value pattern's "matches", for the same refusal of a backtracking expression.
                using (var document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["matches"] = text })))
                {
                    ValuePattern part;
                    try
                    {
                        part = ValuePattern.Parse(document.RootElement, pointer, forBody: false);
                    }
                    catch (PatternException ex)
                    {
                        throw new PatternException(pointer, ex.Message.Replace(pointer + "/matches", "'" + name + "'", StringComparison.Ordinal));
                    }

                    var pathOnly = name == "urlPathPattern";
                    _parts.Add(call => part.Matches(pathOnly ? call.Request.Path : call.Request.Path + call.Request.QueryString));
                    _stub.Add(pathOnly ? b => b.WithPath((IStringMatcher)part.Matcher!) : b => b.WithUrl(new BoundedRegexMatcher(Origin + "(?:" + Unanchored(text) + ")$")));
                }

                break;
        }
    }

    /// <summary>A pattern that anchors itself (<c>^/api.*$</c>) is anchored again after the origin; its own anchors go.</summary>
    private static string Unanchored(string pattern)
    {
        var text = pattern.StartsWith('^') ? pattern[1..] : pattern;
        return text.EndsWith('$') && !text.EndsWith("\\$", StringComparison.Ordinal) ? text[..^1] : text;
    }

    private static void ReadNamed(JsonElement value, string pointer, Action<string, ValuePattern> add)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer, $"{pointer} must be an object of name to matcher, such as {{\"Content-Type\": {{\"equalTo\": \"application/json\"}}}}.");
        }

        foreach (var item in value.EnumerateObject())
        {
            var pattern = ValuePattern.Parse(item.Value, pointer + "/" + item.Name, forBody: false);
            add(item.Name, pattern);
        }
    }

    private void ReadBasicAuth(JsonElement value, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("username", out var user) || user.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("password", out var password) || password.ValueKind != JsonValueKind.String)
        {
            throw new PatternException(pointer, "'basicAuthCredentials' must be {\"username\": \"...\", \"password\": \"...\"}.");
        }

        var userName = user.GetString()!;
        var encoded = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password.GetString()));

        // The journal never keeps a password (Authorization is redacted to scheme and user), so a recorded call is
        // matched on the user name; a stub sees the live request and checks both.
        var redacted = "Basic " + userName + ":***";
        _parts.Add(call => Values(call.Request.Headers, "Authorization").Any(v => string.Equals(v, redacted, StringComparison.Ordinal)));
        _stub.Add(b => b.WithHeader("Authorization", new ExactMatcher(encoded)));
    }

    private void ReadBody(JsonElement value, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PatternException(pointer, "'bodyPatterns' must be an array of matchers, such as [{\"contains\": \"403\"}].");
        }

        var patterns = value.EnumerateArray().Select((item, i) => ValuePattern.Parse(item, $"{pointer}/{i}", forBody: true)).ToList();
        foreach (var pattern in patterns)
        {
            if (pattern.Absent is not null)
            {
                throw new PatternException(pointer, "'absent' is not a body pattern; to match an empty body use {\"equalTo\": \"\"}.");
            }

            _parts.Add(call => pattern.Matches(call.Request.Body, call.Request.BodyUtf8));
        }

        if (patterns.Count > 0)
        {
            _stub.Add(b => b.WithBody([.. patterns.Select(p => p.Matcher!)], MatchOperator.And));
        }
    }
}
