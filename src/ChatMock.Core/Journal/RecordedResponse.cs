using ChatMock.Messages;

namespace ChatMock.Journal;

/// <summary>An answer as ChatMock sent it.</summary>
public sealed class RecordedResponse
{
    /// <summary>Gets the HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Gets the media type of the body.</summary>
    public string ContentType { get; init; } = string.Empty;

    /// <summary>Gets the body as text.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets the ChatMessage answered; null for an error answer.</summary>
    public ChatMessage? ChatMessage { get; init; }
}
