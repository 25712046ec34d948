using System.Globalization;
using ChatMock.Engine;

namespace ChatMock.Protocol;

/// <summary>
/// Chooses the response format from <c>Accept</c>, with q-values, among the six media types the documentation lists.
/// No <c>Accept</c> (or only <c>*/*</c>) gives JSON, or XML when the request body was XML: SuperOffice's guide says
/// an XML <c>Content-Type</c> alone is enough to get XML back.
/// </summary>
internal static class ContentNegotiation
{
    private static readonly (string MediaType, bool IsXml)[] Supported =
    [
        ("application/json", false),
        ("text/json", false),
        ("application/xml", true),
        ("text/xml", true),
        ("application/json-patch+json", false),
        ("application/merge-patch+json", false),
    ];

    public static string SupportedList => string.Join(", ", Supported.Select(s => s.MediaType));

    private static readonly HeaderValueCache<ResponseFormat?> Negotiated = new();

    /// <summary>Returns the format to answer in, or null when nothing the client accepts can be produced (406).</summary>
    public static ResponseFormat? Negotiate(string? accept, string? requestContentType) =>
        Negotiated.GetOrAdd(accept, requestContentType, NegotiateUncached);

    private static ResponseFormat? NegotiateUncached(string? accept, string? requestContentType)
    {
        var fallback = IsXmlMediaType(requestContentType) ? ResponseFormat.Xml : ResponseFormat.Json;
        if (string.IsNullOrWhiteSpace(accept))
        {
            return fallback;
        }

        ResponseFormat? best = null;
        var bestQuality = 0.0;
        var bestSpecificity = -1;
        foreach (var item in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (mediaType, quality) = Parse(item);
            if (quality <= 0)
            {
                continue;
            }

            var (format, specificity) = Match(mediaType, fallback);
            if (format is null)
            {
                continue;
            }

            // Higher quality wins; at equal quality the more specific range wins; then the first listed.
            if (quality > bestQuality || (quality == bestQuality && specificity > bestSpecificity))
            {
                best = format;
                bestQuality = quality;
                bestSpecificity = specificity;
            }
        }

        return best;
    }

    public static bool IsXmlMediaType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = HeaderValues.MediaType(contentType);
        return mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase);
    }

    private static (string MediaType, double Quality) Parse(string item)
    {
        var parts = item.Split(';', StringSplitOptions.TrimEntries);
        var quality = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
            {
                quality = double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q <= 1
                    ? q
                    : 0;
            }
        }

        return (parts[0], quality);
    }

    private static (ResponseFormat? Format, int Specificity) Match(string mediaType, ResponseFormat fallback)
    {
        if (mediaType == "*/*")
        {
            return (fallback, 0);
        }

        if (mediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return (fallback.IsXml ? ResponseFormat.Xml : ResponseFormat.Json, 1);
        }

        if (mediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase))
        {
            return (fallback.IsXml ? new ResponseFormat(true, "text/xml; charset=utf-8") : new ResponseFormat(false, "text/json; charset=utf-8"), 1);
        }

        foreach (var (supported, isXml) in Supported)
        {
            if (mediaType.Equals(supported, StringComparison.OrdinalIgnoreCase))
            {
                return (new ResponseFormat(isXml, supported + "; charset=utf-8"), 2);
            }
        }

        return (null, -1);
    }
}
