namespace ChatMock.Bodies;

/// <summary>
/// A request body read from XML or form fields, before it has types: a text value, a null, or named children in
/// the order they came.
/// </summary>
internal sealed class TextNode
{
    private TextNode(string? text, bool isNull, List<KeyValuePair<string, TextNode>>? children)
    {
        Text = text;
        IsNull = isNull;
        Children = children;
    }

    public string? Text { get; }

    public bool IsNull { get; }

    public List<KeyValuePair<string, TextNode>>? Children { get; }

    public static TextNode Null { get; } = new(null, true, null);

    public static TextNode Value(string text) => new(text, false, null);

    public static TextNode Object() => new(null, false, []);
}
