using ChatMock.Carriers;
using ChatMock.Chat;

namespace ChatMock.Operations.Chat;

/// <summary>CreateDefaultChatSessionEntity (and <c>GET /api/v1/ChatSession/default</c>): a new session's defaults, not stored.</summary>
internal sealed class CreateDefaultChatSessionEntityHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call) =>
        OperationAnswer.Entity(Carrier.ChatSession, Chat.NewSession(Chat.FirstTopicId, Now));
}

/// <summary>
/// SaveChatSessionEntity (and <c>POST /api/v1/ChatSession</c>, <c>PUT /api/v1/ChatSession/{id}</c>): with
/// <c>ChatSessionId</c> 0 or left out, a new session from the posted properties over a new session's defaults; else
/// the posted properties set on the stored session in one atomic step (ChatMock's choice: what the body leaves out
/// stays, so a save never undoes a message that came in meanwhile).
/// </summary>
internal sealed class SaveChatSessionEntityHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        if (id != 0)
        {
            return SessionOr404(call, id, Store.UpdateSession(id, stored => ReadOver(Carrier.ChatSession, call.Document, stored)));
        }

        var topicId = call.Int("TopicId") is { } posted and not 0 ? posted : Chat.FirstTopicId;
        if (Store.Topic(topicId) is null)
        {
            return NoTopic(call, topicId);
        }

        var session = ReadOver(Carrier.ChatSession, call.Document, Chat.NewSession(topicId, Now)) with { ChatSessionId = 0, TopicId = topicId };
        return OperationAnswer.Entity(Carrier.ChatSession, Store.AddSession(session));
    }
}

/// <summary>GetChatSessionEntity (and <c>GET /api/v1/ChatSession/{id}</c>): the session, or 404.</summary>
internal sealed class GetChatSessionEntityHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        return SessionOr404(call, id, Store.Session(id));
    }
}

/// <summary>DeleteChatSessionEntity (and <c>DELETE /api/v1/ChatSession/{id}</c>): the session and its messages gone, 204; 404 when there was none.</summary>
internal sealed class DeleteChatSessionEntityHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        return Store.DeleteSession(id) ? OperationAnswer.None : NoSession(call, id);
    }
}

/// <summary>CreateChatSessionForTopic (and <c>POST /api/v1/ChatTopic/{id}/Sessions</c>): a new session in the topic's queue.</summary>
internal sealed class CreateChatSessionForTopicHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var topicId = call.Int("ChatTopicId") ?? 0;
        return Store.Topic(topicId) is null
            ? NoTopic(call, topicId)
            : OperationAnswer.Entity(Carrier.ChatSession, Store.AddSession(Chat.NewSession(topicId, Now)));
    }
}

/// <summary>ChatSessionsForUser (and <c>GET /api/v1/ChatSession/ForCurrentUser</c>): every session, by id (ChatMock's user is a member of all).</summary>
internal sealed class ChatSessionsForUserHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call) => OperationAnswer.List(Carrier.ChatSession, Store.Sessions());
}

/// <summary>
/// PickUpChatSession (and <c>POST /api/v1/ChatSession/{id}/Pickup</c>): a session in the queue is answered (started
/// now) and the topic's welcome message goes to the customer; a session not in the queue answers null, as documented.
/// </summary>
internal sealed class PickUpChatSessionHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        var now = Now;
        var picked = false;
        var session = Store.UpdateSession(id, stored =>
        {
            if (stored.Status != "InQueue")
            {
                return stored;
            }

            picked = true;
            return stored with { Status = "UserLast", WhenStarted = now };
        });
        if (session is null)
        {
            return NoSession(call, id);
        }

        if (!picked)
        {
            return OperationAnswer.Entity(Carrier.ChatSession, null);
        }

        if (Store.Topic(session.TopicId ?? 0) is { WelcomeMessage: { Length: > 0 } welcome } topic)
        {
            var added = Store.AddMessageTouchingSession(
                id,
                (Welcome: Chat.EmptyMessage with { Type = "ToCustomer", SpecialType = "Welcome", Message = welcome, Author = topic.Name ?? string.Empty, WhenPosted = Answers.UtcText.Format(now) }, Now: now),
                static (state, _) => state.Welcome,
                null,
                static (state, stored, message) => ChatState.Touch(stored, message, state.Now));
            session = added.Message is null ? session : Store.Session(id) ?? session;
        }

        return OperationAnswer.Entity(Carrier.ChatSession, session);
    }
}

/// <summary>ResetChatSession (and <c>POST /api/v1/ChatSession/{id}/Reset</c>): back in the queue for a person, the bot off.</summary>
internal sealed class ResetChatSessionHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        return SessionOr404(call, id, Store.UpdateSession(id, stored => stored with { Status = "InQueue", ChatbotIsActive = false }));
    }
}
