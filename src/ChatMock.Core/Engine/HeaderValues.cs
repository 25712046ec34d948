namespace ChatMock.Engine;

/// <summary>Looks up headers in a list of name and value pairs.</summary>
internal static class HeaderValues
{
    public static string? First(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return headers[i].Value;
            }
        }

        return null;
    }

    /// <summary>Returns the media type of a <c>Content-Type</c> or <c>Accept</c> item without its parameters.</summary>
    public static ReadOnlySpan<char> MediaType(ReadOnlySpan<char> value)
    {
        var semicolon = value.IndexOf(';');
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }
}
