using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Testing;

/// <summary>Sets up the chat state a test starts from.</summary>
/// <example>
/// <code>
/// var session = chatMock.Chat.SeedSession(
///     new ChatSessionEntity { TopicId = 1, Status = "InQueue", CustomerName = "Kari" },
///     new ChatMessage { Type = "ToUser", Message = "Hello?", Author = "Kari", WhenPosted = "2026-11-24T12:00:00Z" });
/// </code>
/// </example>
public static class ChatStoreExtensions
{
    /// <summary>
    /// Stores <paramref name="session"/> with <paramref name="messages"/>, in that order, replacing any session of
    /// its id with its messages. The session and the messages are kept as given: the messages do not change the
    /// session (its <c>Status</c>, <c>LastMessage</c>, ...), and a property left null stays null. The store assigns
    /// the message ids (the next ones, ascending) and sets each message's <c>ChatSessionId</c>.
    /// </summary>
    /// <param name="store">The chat store, such as <see cref="ChatMockTestHost.Chat"/>.</param>
    /// <param name="session">The session; with a <c>ChatSessionId</c> of null or 0 it gets the next id.</param>
    /// <param name="messages">The session's messages, oldest first.</param>
    /// <returns>The stored session, with its id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/>, <paramref name="session"/>, <paramref name="messages"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">The store refused a message: more than <c>MaxMessagesPerSession</c>.</exception>
    public static ChatSessionEntity SeedSession(this IChatStore store, ChatSessionEntity session, params ChatMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
        }

        if (session.ChatSessionId is { } id and not 0)
        {
            store.DeleteSession(id);
        }

        var stored = store.AddSession(session);
        var sessionId = stored.ChatSessionId!.Value;
        foreach (var message in messages)
        {
            var added = store.AddMessage(sessionId, _ => message, newSession: null, touch: null);
            if (added.Outcome is not (MessageAddition.Added or MessageAddition.AddedToNewSession))
            {
                throw new InvalidOperationException($"The store refused a message of session {sessionId} ({added.Outcome}); the session keeps the messages before it.");
            }
        }

        return store.Session(sessionId) ?? stored;
    }
}
