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
    public static ReadOnlySpan<char> MediaType(ReadOnlySpan<char> value)
    {
        var semicolon = value.IndexOf(';');
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }
}
