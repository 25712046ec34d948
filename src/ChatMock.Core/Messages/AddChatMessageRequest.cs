namespace ChatMock.Messages;

/// <summary>The body of <c>POST /api/v1/Agents/Chat/AddChatMessage</c>, as the client sent it.</summary>
/// <param name="ChatSessionId">The chat session to add the message to.</param>
/// <param name="Message">The message to add; <see langword="null"/> when the client sent none.</param>
public sealed record AddChatMessageRequest(int ChatSessionId, ChatMessage? Message);
