using Microsoft.Net.Http.Headers;

namespace ChatMock.Engine;

/// <summary>Looks up headers in a list of name and value pairs.</summary>
internal static class HeaderValues
{
    /// <summary>
    /// Returns the value of a header, its name matched case-insensitively; a header sent several times (or split
    /// into several values by the host) is joined with commas, as HTTP lists are.
    /// </summary>
    public static string? Get(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        string? value = null;
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = value is null ? headers[i].Value : value + ", " + headers[i].Value;
            }
        }

        return value;
    }

    /// <summary>Returns the media type of a <c>Content-Type</c> or <c>Accept</c> item without its parameters.</summary>
    /// <remarks>Read by <see cref="MediaTypeHeaderValue"/>; a value it cannot parse comes back whole, which names no media type ChatMock takes.</remarks>
    public static ReadOnlySpan<char> MediaType(string value) =>
        MediaTypeHeaderValue.TryParse(value, out var parsed) ? parsed.MediaType.AsSpan() : value.AsSpan().Trim();
}
