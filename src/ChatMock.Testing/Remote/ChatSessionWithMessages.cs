using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Testing.Remote;

/// <summary>A chat session and its messages, oldest first, as a server keeps them.</summary>
/// <param name="Session">The session.</param>
/// <param name="Messages">Its messages, oldest first.</param>
public sealed record ChatSessionWithMessages(ChatSessionEntity Session, IReadOnlyList<ChatMessage> Messages);
