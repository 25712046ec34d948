using System.Text;

namespace ChatMock.Journal;

/// <summary>
/// What filters of the journal ask about a call, read from the start of its kept bytes without reading the rest
/// (headers, bodies, messages), so that counting and filtering cost little whatever the calls hold.
/// </summary>
internal readonly ref struct CallSummary(long id, int statusCode, ReadOnlySpan<byte> operationUtf8, int? chatSessionId, int violationCount)
{
    private readonly ReadOnlySpan<byte> _operation = operationUtf8;

    public long Id { get; } = id;

    public int StatusCode { get; } = statusCode;

    /// <summary>Gets the ChatSessionId posted, or null when the call has no parsed AddChatMessage body.</summary>
    public int? ChatSessionId { get; } = chatSessionId;

    public int ViolationCount { get; } = violationCount;

    /// <summary>Gets whether the call was routed to no operation.</summary>
    public bool HasNoOperation => _operation.IsEmpty;

    /// <summary>Whether the call's operation is <paramref name="operation"/>, compared case-insensitively as the admin API does.</summary>
    public bool IsOperation(string operation)
    {
        Span<char> chars = stackalloc char[Math.Min(_operation.Length, 256)];
        if (_operation.Length > chars.Length || !Encoding.UTF8.TryGetChars(_operation, chars, out var written))
        {
            return string.Equals(Encoding.UTF8.GetString(_operation), operation, StringComparison.OrdinalIgnoreCase);
        }

        return operation.AsSpan().Equals(chars[..written], StringComparison.OrdinalIgnoreCase);
    }
}
