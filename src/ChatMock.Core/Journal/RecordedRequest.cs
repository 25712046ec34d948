using System.Text;

namespace ChatMock.Journal;

/// <summary>A request as ChatMock received it.</summary>
public sealed class RecordedRequest
{
    private readonly ReadOnlyMemory<byte> _bodyUtf8;
    private string? _body;

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path, as sent.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the query string with its leading <c>?</c>, or empty.</summary>
    public string QueryString { get; init; } = string.Empty;

    /// <summary>Gets the headers; <c>Authorization</c> keeps only its scheme and user name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Gets the body as UTF-8 text, cut at 64 KiB; empty when there was none.</summary>
    public string Body
    {
        get => _body ??= Encoding.UTF8.GetString(_bodyUtf8.Span);
        init => _body = value;
    }

    /// <summary>
    /// Gets or sets the body as bytes, made into <see cref="Body"/> text only when someone reads it; a body given as
    /// text gives its UTF-8 bytes. The journal keeps these bytes.
    /// </summary>
    internal ReadOnlyMemory<byte> BodyUtf8
    {
        get => _bodyUtf8.IsEmpty && !string.IsNullOrEmpty(_body) ? Encoding.UTF8.GetBytes(_body) : _bodyUtf8;
        init => _bodyUtf8 = value;
    }

    /// <summary>Gets the size of the whole body in bytes.</summary>
    public long BodyLength { get; init; }

    /// <summary>Returns the value of a header, its name matched case-insensitively; several values are joined with commas.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the header was not sent.</returns>
    public string? GetHeader(string name) => Engine.HeaderValues.Get(Headers, name);
}
