using ChatMock.Carriers;
using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>The codecs of the carriers the chat store keeps as bytes.</summary>
internal static class CarrierCodecs
{
    /// <summary>Gets the codec of ChatMessage.</summary>
    public static CarrierCodec<ChatMessage> ChatMessage { get; } = new(Carrier.ChatMessage);

    /// <summary>Gets the codec of ChatSessionEntity.</summary>
    public static CarrierCodec<ChatSessionEntity> ChatSession { get; } = new(Carrier.ChatSession);
}
