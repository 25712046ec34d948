namespace ChatMock;

/// <summary>The exception thrown when <see cref="ChatMockOptions"/> hold invalid values; it names each one.</summary>
public sealed class ChatMockOptionsException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="ChatMockOptionsException"/> class.</summary>
    public ChatMockOptionsException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatMockOptionsException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ChatMockOptionsException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="ChatMockOptionsException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChatMockOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="ChatMockOptionsException"/> class.</summary>
    /// <param name="errors">One sentence per invalid setting.</param>
    public ChatMockOptionsException(IReadOnlyList<string> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets one sentence per invalid setting.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "The 'ChatMockOptions' are invalid." + string.Concat(errors.Select(e => Environment.NewLine + "- " + e));
    }
}
