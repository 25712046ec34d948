namespace ChatMock.Contracts;

/// <summary>One place where a request breaks the documented contract.</summary>
/// <param name="Path">The JSON pointer into the request body, such as <c>/Message/Type</c>; empty for the whole body.</param>
/// <param name="Message">A sentence naming what was expected and what was sent.</param>
public sealed record ContractViolation(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
