using ChatMock.Carriers;

namespace ChatMock.Operations.Chat;

/// <summary>GetChatMessages: a session's messages with an id greater than <c>After</c> (0 or left out: all), ascending.</summary>
internal sealed class GetChatMessagesHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        if (Store.Messages(id, call.Int("After") ?? 0) is not { } messages)
        {
            return NoSession(call, id);
        }

        if (call.Style.TimeZone is null)
        {
            return OperationAnswer.List(Carrier.ChatMessage, messages);
        }

        return OperationAnswer.List(Carrier.ChatMessage, messages.Select(m => InZone(m, call.Style)).ToList());
    }
}
