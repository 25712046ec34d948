using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Operations;

/// <summary>
/// The base of the chat operations' handlers: the shared state, what a forced 404 names, the not-found answers and
/// message times in the caller's zone. The state is reset once for all of them (<see cref="ChatState.Reset"/>).
/// </summary>
internal abstract class ChatHandler(HandlerSetup setup) : IOperationHandler
{
    /// <summary>Gets the shared chat state.</summary>
    protected ChatState Chat => setup.Chat;

    /// <summary>Gets the store.</summary>
    protected InMemoryChatStore Store => setup.Chat.Store;

    /// <summary>Gets the engine's clock's time.</summary>
    protected DateTimeOffset Now => setup.TimeProvider.GetUtcNow();

    /// <inheritdoc/>
    public virtual void Read(OperationCall call)
    {
    }

    /// <inheritdoc/>
    public virtual string Missing(OperationCall call) =>
        call.Int("ChatTopicId") is { } topic && call.Int("ChatSessionId") is null ? TopicName(topic) : SessionName(call.Int("ChatSessionId") ?? 0);

    /// <inheritdoc/>
    public abstract OperationAnswer Handle(OperationCall call);

    /// <inheritdoc/>
    public void Reset()
    {
    }

    /// <summary>How a not-found answer names a session: <c>ChatSession id 7</c>, as SuperOffice names entities.</summary>
    protected static string SessionName(int id) => $"ChatSession id {id}";

    /// <summary>How a not-found answer names a topic.</summary>
    protected static string TopicName(int id) => $"ChatTopic id {id}";

    /// <summary>The 404 of a session that does not exist.</summary>
    protected static OperationAnswer NoSession(OperationCall call, int id) => OperationAnswer.Refused(ErrorAnswers.Missing(call.Format, SessionName(id)));

    /// <summary>The 404 of a topic that does not exist.</summary>
    protected static OperationAnswer NoTopic(OperationCall call, int id) => OperationAnswer.Refused(ErrorAnswers.Missing(call.Format, TopicName(id)));

    /// <summary>A session answer: the entity, or its 404.</summary>
    protected static OperationAnswer SessionOr404(OperationCall call, int id, ChatSessionEntity? session) =>
        session is null ? NoSession(call, id) : OperationAnswer.Entity(Carrier.ChatSession, session);

    /// <summary>A stored message as the caller reads it: <c>WhenPosted</c> in the caller's time zone (stored in UTC).</summary>
    protected static ChatMessage InZone(ChatMessage message, AnswerStyle style) =>
        style.TimeZone is null || message.WhenPosted is null || !DateTimeOffset.TryParse(message.WhenPosted, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var posted)
            ? message
            : message with { WhenPosted = style.Format(posted) };

    /// <summary>A posted entity read over <paramref name="basis"/>: what the client sent replaces, the rest stays.</summary>
    protected static T ReadOver<T>(Carrier carrier, JsonElement posted, T basis)
        where T : class => CarrierReader.Read(carrier, posted, basis);
}
