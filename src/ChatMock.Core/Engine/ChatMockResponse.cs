using ChatMock.Journal;

namespace ChatMock.Engine;

/// <summary>The engine's answer, for a host to write out.</summary>
internal sealed class ChatMockResponse
{
    /// <summary>Gets the HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Gets the value of the <c>Content-Type</c> header.</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets headers to send besides <c>Content-Type</c>, such as <c>Allow</c> or <c>WWW-Authenticate</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Gets the body bytes.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets how long the host waits before it sends the answer (configured latency or <c>Prefer: delay</c>).</summary>
    public TimeSpan Delay { get; internal set; }

    /// <summary>Gets whether the host closes the connection instead of answering (<c>Prefer: fault=drop</c>).</summary>
    public bool DropConnection { get; init; }

    /// <summary>Gets the call as the journal recorded it.</summary>
    public RecordedCall Call { get; internal set; } = null!;
}
