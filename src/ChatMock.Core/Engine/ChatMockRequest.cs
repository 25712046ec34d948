namespace ChatMock.Engine;

/// <summary>An HTTP request as a host hands it to the engine.</summary>
internal sealed class ChatMockRequest
{
    /// <summary>Gets the HTTP method, such as <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path, such as <c>/api/v1/Agents/Chat/AddChatMessage</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the query string with its leading <c>?</c>, or empty.</summary>
    public string QueryString { get; init; } = string.Empty;

    /// <summary>Gets the headers; a header sent with several values appears once per value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Gets the body bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets why the host could not read the whole body, if it could not; <see cref="Body"/> then holds what arrived.</summary>
    internal RequestBodyFailure? BodyFailure { get; init; }

    /// <summary>Returns the value of a header, its name matched case-insensitively; several values are joined with commas.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the header was not sent.</returns>
    public string? GetHeader(string name) => HeaderValues.Get(Headers, name);
}
