namespace ChatMock.Routing;

/// <summary>One path of the document with the operations served on it, and its matching.</summary>
internal sealed class OperationPath
{
    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private readonly string[] _segments;

    /// <summary>Initializes a new instance of the <see cref="OperationPath"/> class.</summary>
    /// <param name="template">The path template, such as <c>/api/v1/ChatSession/{id}</c>.</param>
    /// <param name="operations">The operations served on it; at least one.</param>
    public OperationPath(string template, IReadOnlyList<Operation> operations)
    {
        Template = template;
        Operations = operations;
        _segments = template.Split('/');
        HasParameters = _segments.Any(IsParameter);
        IsAgentCall = operations[0].IsAgentCall;
        var methods = MethodOrder.Where(m => (m == "GET" && IsAgentCall) || operations.Any(o => o.Method == m)).ToList();
        Allow = string.Join(", ", [.. methods, "OPTIONS"]);
        Use = string.Join(" or ", operations.Select(o => o.Method)) + (IsAgentCall ? " (or GET for a description of the call)" : string.Empty);
    }

    /// <summary>Gets the path template.</summary>
    public string Template { get; }

    /// <summary>Gets the operations served on the path.</summary>
    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>Gets whether the template has <c>{name}</c> segments.</summary>
    public bool HasParameters { get; }

    /// <summary>Gets whether the path is an agent call, which a GET describes.</summary>
    public bool IsAgentCall { get; }

    /// <summary>Gets the value of the <c>Allow</c> header for the path.</summary>
    public string Allow { get; }

    /// <summary>Gets the methods a 405 answer suggests, as a phrase.</summary>
    public string Use { get; }

    /// <summary>Gets the operation for a method (compared case-insensitively), or null.</summary>
    public Operation? For(string method)
    {
        foreach (var operation in Operations)
        {
            if (string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a request path matches: case-insensitively, as IIS does, with one trailing slash allowed, and any
    /// non-empty segment where the template has a parameter. Allocates nothing.
    /// </summary>
    public bool Matches(ReadOnlySpan<char> path)
    {
        if (path.Length > 1 && path[^1] == '/')
        {
            path = path[..^1];
        }

        if (!HasParameters)
        {
            return path.Equals(Template, StringComparison.OrdinalIgnoreCase);
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var end = path.IndexOf('/');
            var part = end < 0 ? path : path[..end];
            if (IsParameter(_segments[i]) ? part.IsEmpty : !part.Equals(_segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (end < 0)
            {
                return i == _segments.Length - 1;
            }

            path = path[(end + 1)..];
        }

        return false;
    }

    /// <summary>The path parameters of a matching path, by name; empty when the template has none.</summary>
    public IReadOnlyDictionary<string, string> Parameters(string path)
    {
        if (!HasParameters)
        {
            return EmptyParameters;
        }

        var parts = path.TrimEnd('/').Split('/');
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _segments.Length && i < parts.Length; i++)
        {
            if (IsParameter(_segments[i]))
            {
                values[_segments[i][1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
        }

        return values;
    }

    private static readonly Dictionary<string, string> EmptyParameters = [];

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
