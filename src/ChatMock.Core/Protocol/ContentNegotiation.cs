using ChatMock.Engine;
using Microsoft.Net.Http.Headers;

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

    // Kept for the 16 KB budget: parsing Accept costs 856 B a call (see HeaderValueCache).
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

        if (!MediaTypeHeaderValue.TryParseList([accept], out var items))
        {
            return null;
        }

        ResponseFormat? best = null;
        var bestQuality = 0.0;
        var bestSpecificity = -1;
        foreach (var item in items)
        {
            var quality = Quality(item);
            if (quality <= 0)
            {
                continue;
            }

            var (format, specificity) = Match(item.MediaType.ToString(), fallback);
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

    /// <summary>Returns whether the media type of a <c>Content-Type</c> is XML (<c>application/xml</c> or <c>text/xml</c>).</summary>
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

    // No q is 1; a q that is no number from 0 to 1 makes the item unacceptable.
    private static double Quality(MediaTypeHeaderValue item)
    {
        if (item.Quality is { } quality)
        {
            return quality;
        }

        return item.Parameters.Any(p => p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)) ? 0 : 1;
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
