using Microsoft.AspNetCore.WebUtilities;

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

    /// <summary>Returns the decoded value of the first query parameter named <paramref name="name"/>, read with WebUtilities' <see cref="QueryStringEnumerable"/>.</summary>
    internal static string? QueryValue(string queryString, string name)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return null;
        }

        foreach (var pair in new QueryStringEnumerable(queryString))
        {
            if (pair.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.DecodeValue().ToString();
            }
        }

        return null;
    }
}
