using System.Text;
using ChatMock.Messages;

namespace ChatMock.Journal;

/// <summary>An answer as ChatMock sent it.</summary>
public sealed class RecordedResponse
{
    private readonly ReadOnlyMemory<byte> _bodyUtf8;
    private string? _body;
    private long? _bodyLength;

    /// <summary>Gets the HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Gets the media type of the body.</summary>
    public string ContentType { get; init; } = string.Empty;

    /// <summary>Gets the body as text; the journal keeps at most 64 KiB of it (see <see cref="BodyLength"/>).</summary>
    public string Body
    {
        get => _body ??= Encoding.UTF8.GetString(_bodyUtf8.Span);
        init => _body = value;
    }

    /// <summary>
    /// Gets or sets the body as the bytes sent, decoded into <see cref="Body"/> when it is first read; a body given as
    /// text gives its UTF-8 bytes. The journal keeps these bytes.
    /// </summary>
    internal ReadOnlyMemory<byte> BodyUtf8
    {
        get => _bodyUtf8.IsEmpty && !string.IsNullOrEmpty(_body) ? Encoding.UTF8.GetBytes(_body) : _bodyUtf8;
        init => _bodyUtf8 = value;
    }

    /// <summary>Gets the size of the whole body as sent, in bytes; larger than <see cref="Body"/> when the journal cut it.</summary>
    public long BodyLength
    {
        get => _bodyLength ?? BodyUtf8.Length;
        init => _bodyLength = value;
    }

    /// <summary>Gets the ChatMessage answered; null for an error answer.</summary>
    public ChatMessage? ChatMessage { get; init; }

    /// <summary>
    /// Gets whether <see cref="BodyUtf8"/> is <see cref="ChatMessage"/> as the journal would write it, so that the journal
    /// copies the body instead of writing the message a second time.
    /// </summary>
    internal bool ChatMessageIsBody { get; init; }
}
