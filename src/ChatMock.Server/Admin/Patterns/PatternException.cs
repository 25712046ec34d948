namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// A request pattern or stub ChatMock cannot use as it was written: answered in WireMock's error format, with the
/// JSON pointer of the offending field and 400 (not valid) or 422 (valid WireMock, but not translated by ChatMock).
/// </summary>
internal sealed class PatternException : Exception
{
    public PatternException(string pointer, string message, int statusCode = 400)
        : base(message)
    {
        Pointer = pointer;
        StatusCode = statusCode;
    }

    public PatternException()
        : this("/", "The request pattern is not valid.")
    {
    }

    public PatternException(string message)
        : this("/", message)
    {
    }

    public PatternException(string message, Exception innerException)
        : base(message, innerException)
    {
        Pointer = "/";
        StatusCode = 400;
    }

    /// <summary>Gets the JSON pointer of the field, such as <c>/bodyPatterns/0/matches</c>.</summary>
    public string Pointer { get; }

    /// <summary>Gets the HTTP status to answer: 400 or 422.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the error's title in WireMock's format.</summary>
    public string Title => StatusCode == 422 ? AdminErrorTypes.Unsupported : AdminErrorTypes.InvalidPattern;
}
