using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// Where ChatMock keeps the conversation: topics, sessions and their messages. The operations use only this
/// interface, so a store shared by several instances can replace the in-memory one (<see cref="InMemoryChatStore"/>)
/// without touching them. Every member is atomic and safe to call from many threads; ids increase per kind.
/// </summary>
public interface IChatStore
{
    /// <summary>Gets the topics, by id.</summary>
    /// <returns>A copy: later changes to the store do not show in it.</returns>
    IReadOnlyList<ChatTopicEntity> Topics();

    /// <summary>Gets one topic.</summary>
    /// <param name="topicId">The topic's id.</param>
    /// <returns>The topic, or null when there is none of that id.</returns>
    ChatTopicEntity? Topic(int topicId);

    /// <summary>Replaces every topic; sessions and messages stay.</summary>
    /// <param name="topics">The topics, each with its <see cref="ChatTopicEntity.ChatTopicId"/>.</param>
    void ReplaceTopics(IEnumerable<ChatTopicEntity> topics);

    /// <summary>Gets the sessions, by id.</summary>
    /// <returns>A copy.</returns>
    IReadOnlyList<ChatSessionEntity> Sessions();

    /// <summary>Gets one session.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <returns>The session, or null when there is none of that id.</returns>
    ChatSessionEntity? Session(int sessionId);

    /// <summary>
    /// Adds a session. One without an id (null or 0) gets the next; one with an id keeps it, and later ids continue
    /// above it. At <c>MaxSessions</c> the least recently active session is removed to make room.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The stored session, with its id.</returns>
    /// <exception cref="ArgumentException">A session of that id exists.</exception>
    ChatSessionEntity AddSession(ChatSessionEntity session);

    /// <summary>Changes a session atomically: no message or other change to it can come between the read and the write.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="change">Makes the new session from the stored one; its id is kept whatever it returns.</param>
    /// <returns>The stored session after the change, or null when there is none of that id.</returns>
    ChatSessionEntity? UpdateSession(int sessionId, Func<ChatSessionEntity, ChatSessionEntity> change);

    /// <summary>Removes a session and its messages.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <returns>Whether there was one.</returns>
    bool DeleteSession(int sessionId);

    /// <summary>
    /// Adds a message to a session, atomically with the change it makes to the session: the message gets the next
    /// message id, and the session's messages stay in ascending id order.
    /// </summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="build">
    /// Makes the message from its position in the session (1 for the first), called once, inside the atomic step;
    /// its <see cref="ChatMessage.ChatMessageId"/> and <see cref="ChatMessage.ChatSessionId"/> are set by the store.
    /// </param>
    /// <param name="newSession">The session to create when there is none of that id, or null to refuse.</param>
    /// <param name="touch">Changes the session for the message (its last message, status); null to leave it.</param>
    /// <returns>What happened, with the stored message.</returns>
    MessageAdded AddMessage(int sessionId, Func<int, ChatMessage> build, ChatSessionEntity? newSession, Func<ChatSessionEntity, ChatMessage, ChatSessionEntity>? touch);

    /// <summary>Gets a session's messages with an id greater than <paramref name="after"/>, ascending; the cost grows with what is returned, not with the session.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="after">The id to start after; 0 for all.</param>
    /// <returns>The messages, or null when there is no session of that id.</returns>
    IReadOnlyList<ChatMessage>? Messages(int sessionId, int after = 0);

    /// <summary>Gets how many messages a session holds, without copying them.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <returns>The count, or null when there is no session of that id.</returns>
    int? MessageCountOf(int sessionId);

    /// <summary>Forgets every session and message and starts ids again; topics go back to those the store started with.</summary>
    void Clear();
}

/// <summary>What <see cref="IChatStore.AddMessage"/> did.</summary>
public enum MessageAddition
{
    /// <summary>The message was added to the session.</summary>
    Added,

    /// <summary>The message was added to a session made for it.</summary>
    AddedToNewSession,

    /// <summary>There is no session of that id, and none was to be made: nothing was stored.</summary>
    UnknownSession,

    /// <summary>The session holds <c>MaxMessagesPerSession</c> messages: nothing was stored.</summary>
    SessionFull,

    /// <summary>The message would take the session alone past the store's bytes (<c>MaxChatBytes</c>): nothing was stored.</summary>
    SessionFullOfBytes,
}

/// <summary>The outcome of <see cref="IChatStore.AddMessage"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Message">The stored message, with its id; null when nothing was stored.</param>
public readonly record struct MessageAdded(MessageAddition Outcome, ChatMessage? Message);
