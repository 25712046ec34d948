namespace ChatMock.Bodies;

/// <summary>
/// A request body read from XML or form fields, before it has types: a text value, a null, or named children in
/// the order they came, found by name (case-insensitively) in constant time, so that a body of a hundred thousand
/// fields is read in linear time.
/// </summary>
internal sealed class TextNode
{
    private readonly List<KeyValuePair<string, TextNode>>? _children;
    private readonly Dictionary<string, int>? _byName;

    private TextNode(string? text, bool isNull, bool isObject)
    {
        Text = text;
        IsNull = isNull;
        if (isObject)
        {
            _children = [];
            _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public string? Text { get; }

    public bool IsNull { get; }

    /// <summary>Gets the children in the order they came; null for a value or a null.</summary>
    public IReadOnlyList<KeyValuePair<string, TextNode>>? Children => _children;

    public static TextNode Null { get; } = new(null, true, false);

    public static TextNode Value(string text) => new(text, false, false);

    public static TextNode Object() => new(null, false, true);

    /// <summary>Returns the first child named <paramref name="name"/> (in any casing), or null.</summary>
    public TextNode? Find(string name) => _byName!.TryGetValue(name, out var index) ? _children![index].Value : null;

    /// <summary>Adds a child; a second child of the same name is kept too (the readers report it).</summary>
    public void Add(string name, TextNode child)
    {
        _byName!.TryAdd(name, _children!.Count);
        _children.Add(new(name, child));
    }
}
