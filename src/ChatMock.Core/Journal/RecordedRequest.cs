namespace ChatMock.Journal;

/// <summary>A request as ChatMock received it.</summary>
public sealed class RecordedRequest
{
    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path, as sent.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the query string with its leading <c>?</c>, or empty.</summary>
    public string QueryString { get; init; } = string.Empty;

    /// <summary>Gets the headers; <c>Authorization</c> keeps only its scheme and user name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Gets the body as UTF-8 text, cut at 64 KiB; empty when there was none.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets the size of the whole body in bytes.</summary>
    public long BodyLength { get; init; }

    /// <summary>Returns the value of a header, its name matched case-insensitively; several values are joined with commas.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the header was not sent.</returns>
    public string? GetHeader(string name) => Engine.HeaderValues.Get(Headers, name);
}
