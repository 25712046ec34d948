using System.Text.Json;
using System.Text.RegularExpressions;
using ChatMock.Journal;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatMock.Server.Admin;

/// <summary>
/// A WireMock request pattern, as <c>POST /__admin/requests/count</c> receives it: <c>method</c>; one of
/// <c>url</c>, <c>urlPath</c>, <c>urlPattern</c>, <c>urlPathPattern</c>; <c>headers</c>; <c>queryParameters</c>;
/// <c>bodyPatterns</c>. Anything else is refused rather than ignored, so a count is never silently wrong.
/// </summary>
internal sealed class RequestPattern
{
    private const string Supported = "method, url, urlPath, urlPattern, urlPathPattern, headers, queryParameters and bodyPatterns";
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private string? _method;
    private Func<RecordedRequest, bool>? _url;
    private readonly List<(string Name, StringPattern Pattern)> _headers = [];
    private readonly List<(string Name, StringPattern Pattern)> _query = [];
    private readonly List<StringPattern> _body = [];

    public static bool TryParse(string json, out RequestPattern? result, out string? error)
    {
        result = null;
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException ex)
        {
            error = "The request pattern is not JSON: " + ex.Message;
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The request pattern must be a JSON object such as {\"method\": \"POST\", \"url\": \"/api/v1/Agents/Chat/AddChatMessage\"}.";
                return false;
            }

            var pattern = new RequestPattern();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                error = pattern.Read(property);
                if (error is not null)
                {
                    return false;
                }
            }

            result = pattern;
            return true;
        }
    }

    public bool Matches(RecordedCall call)
    {
        var request = call.Request;
        if (_method is not null && !string.Equals(_method, request.Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_url is not null && !_url(request))
        {
            return false;
        }

        foreach (var (name, pattern) in _headers)
        {
            var values = request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
            if (!AnyMatches(pattern, values))
            {
                return false;
            }
        }

        if (_query.Count > 0)
        {
            var query = QueryHelpers.ParseQuery(request.QueryString);
            foreach (var (name, pattern) in _query)
            {
                var values = query.TryGetValue(name, out var found) ? found.Select(v => v ?? string.Empty).ToList() : [];
                if (!AnyMatches(pattern, values))
                {
                    return false;
                }
            }
        }

        foreach (var pattern in _body)
        {
            if (!pattern.Matches(request.Body))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A header or parameter matches when one of its values does; a pattern such as absent sees null when none was sent.</summary>
    private static bool AnyMatches(StringPattern pattern, List<string> values) =>
        values.Count == 0 ? pattern.Matches(null) : values.Any(pattern.Matches);

    private string? Read(JsonProperty property)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case "method":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return "'method' must be a string such as \"POST\" or \"ANY\".";
                }

                var method = value.GetString()!;
                _method = string.Equals(method, "ANY", StringComparison.OrdinalIgnoreCase) ? null : method;
                return null;
            case "url" or "urlPath" or "urlPattern" or "urlPathPattern":
                return ReadUrl(property.Name, value);
            case "headers" or "queryParameters":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return $"'{property.Name}' must be an object of name to pattern, such as {{\"Content-Type\": {{\"equalTo\": \"application/json\"}}}}.";
                }

                foreach (var item in value.EnumerateObject())
                {
                    if (!StringPattern.TryParse(item.Value, $"{property.Name}.{item.Name}", forBody: false, out var pattern, out var error))
                    {
                        return error;
                    }

                    (property.Name == "headers" ? _headers : _query).Add((item.Name, pattern!));
                }

                return null;
            case "bodyPatterns":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return "'bodyPatterns' must be an array of patterns, such as [{\"contains\": \"403\"}].";
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (!StringPattern.TryParse(item, $"bodyPatterns[{index++}]", forBody: true, out var pattern, out var error))
                    {
                        return error;
                    }

                    _body.Add(pattern!);
                }

                return null;
            default:
                return $"'{property.Name}' is not supported by ChatMock's request count; it supports {Supported}.";
        }
    }

    private string? ReadUrl(string name, JsonElement value)
    {
        if (_url is not null)
        {
            return $"'{name}' is given with another of url, urlPath, urlPattern and urlPathPattern; give one.";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"'{name}' must be a string.";
        }

        var text = value.GetString()!;
        if (name is "url" or "urlPath")
        {
            var withQuery = name == "url";
            _url = request => string.Equals(withQuery ? request.Path + request.QueryString : request.Path, text, StringComparison.Ordinal);
            return null;
        }

        Regex regex;
        try
        {
            regex = new Regex("^(?:" + text + ")$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            return $"'{name}' is not a valid regular expression: {ex.Message}";
        }

        var pathOnly = name == "urlPathPattern";
        _url = request => regex.IsMatch(pathOnly ? request.Path : request.Path + request.QueryString);
        return null;
    }
}
