namespace ChatMock.Protocol;

/// <summary>
/// The <c>$select</c> query parameter: a comma-separated, case-insensitive list of the properties to keep; every
/// other property of the answer is nulled out. Nested paths (<c>category/id</c>) keep their first segment.
/// </summary>
internal sealed class SelectQuery
{
    private SelectQuery(HashSet<string> properties, List<string> unknown)
    {
        Properties = properties;
        Unknown = unknown;
    }

    /// <summary>Gets the canonical names of the properties to keep.</summary>
    public HashSet<string> Properties { get; }

    /// <summary>Gets the names that are no property of the answer.</summary>
    public List<string> Unknown { get; }

    /// <summary>Reads <c>$select</c> (also written <c>%24select</c>) from a query string; null when it is absent.</summary>
    public static SelectQuery? Parse(string queryString, IReadOnlyCollection<string> propertyNames)
    {
        var value = QueryValue(queryString, "$select");
        if (value is null)
        {
            return null;
        }

        var properties = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = item.Split('/')[0];
            var name = propertyNames.FirstOrDefault(p => string.Equals(p, first, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                unknown.Add(item);
            }
            else
            {
                properties.Add(name);
            }
        }

        return new SelectQuery(properties, unknown);
    }

    /// <summary>Returns the decoded value of the first query parameter named <paramref name="name"/>.</summary>
    internal static string? QueryValue(string queryString, string name)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return null;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = FormEncoding.Decode(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : FormEncoding.Decode(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
