using ChatMock.Answers;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Operations;

/// <summary>
/// AddChatMessage (and <c>POST /api/v1/ChatSession/{id}/Messages</c>): the message stored in its session as DESIGN.md
/// D3 says (posted fields as posted, the left-out ones the carrier's defaults, ids and time from the server; none posted:
/// one generated), the session updated with it in the same step.
/// </summary>
internal sealed class AddChatMessageHandler(HandlerSetup setup) : ChatHandler(setup)
{
    private readonly bool _createSessions = setup.Options.UnknownSessions == UnknownSessionPolicy.Create;

    /// <inheritdoc/>
    public override void Read(OperationCall call)
    {
        // The journal keeps the message as it was sent, before defaults.
        var posted = new AddChatMessageRequest(
            call.Int("ChatSessionId") ?? 0,
            call.Object("Message") is { } message ? CarrierReader.Read(Carrier.ChatMessage, message, new ChatMessage()) : null);
        call.Input = posted;
        call.Outcome.Request = posted;
    }

    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var sessionId = ((AddChatMessageRequest)call.Input!).ChatSessionId;
        var sent = call.Object("Message") is { } postedMessage ? CarrierReader.Read(Carrier.ChatMessage, postedMessage, Chat.EmptyMessage) : null;
        var now = Now;
        var making = new MessageMaking(Chat, sessionId, sent, call.Locale, UtcText.Format(now), now);

        // The session to make is built only for a session not there (building one counts the queue), so the message
        // goes to the session that is there first, and only when there was none, with the session to make.
        var added = Store.AddMessageTouchingSession(sessionId, making, MessageMaking.Build, null, MessageMaking.Touch);
        if (added.Outcome == MessageAddition.UnknownSession && _createSessions)
        {
            added = Store.AddMessageTouchingSession(sessionId, making, MessageMaking.Build, Chat.NewSession(Chat.FirstTopicId, now), MessageMaking.Touch);
        }

        switch (added.Outcome)
        {
            case MessageAddition.UnknownSession:
                return OperationAnswer.Refused(ErrorAnswers.Missing(call.Format, $"{SessionName(sessionId)} (setting UnknownSessions is Reject)"));
            case MessageAddition.SessionFull:
                return OperationAnswer.Refused(ErrorAnswers.StoreFull(call.Format,
                    $"{SessionName(sessionId)} holds {Chat.Options.MaxMessagesPerSession} messages, the most a session keeps (setting MaxMessagesPerSession); the message was not stored."));
            case MessageAddition.SessionFullOfBytes:
                return OperationAnswer.Refused(ErrorAnswers.StoreFull(call.Format,
                    $"With this message, {SessionName(sessionId)} would take more than {Chat.Options.MaxChatBytes} bytes, all the chat store keeps (setting MaxChatBytes); the message was not stored."));
        }

        var stored = added.Message!;
        if (call.Outcome.Request is { Message: { } asSent })
        {
            Warn(call, asSent, stored, now);
        }

        return OperationAnswer.Entity(Carrier.ChatMessage, InZone(stored, call.Style));
    }

    /// <summary>
    /// The seed of the nth generated message of a session: depends only on the engine seed, the session and n, so
    /// traffic to other sessions never changes what a session gets (DESIGN.md D4). SplitMix64 mixing.
    /// </summary>
    internal static int SessionSeed(int seed, int sessionId, int sequence)
    {
        var x = Mix(((ulong)(uint)seed << 32) | (uint)sessionId);
        x = Mix(x ^ (uint)sequence);
        return (int)(x ^ (x >> 32));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static void Warn(OperationCall call, ChatMessage sent, ChatMessage stored, DateTimeOffset now)
    {
        var prefix = call.Operation.BodyAs is null ? "/Message" : string.Empty;
        if (sent.ChatMessageId is { } sentId && sentId != 0)
        {
            call.Warnings.Add($"{prefix}/ChatMessageId: {sentId} was replaced by {stored.ChatMessageId}; the server assigns message ids.");
        }

        if (sent.ChatSessionId is { } sentSession && sentSession != 0 && sentSession != stored.ChatSessionId)
        {
            call.Warnings.Add($"{prefix}/ChatSessionId: {sentSession} was replaced by {stored.ChatSessionId}, the ChatSessionId of the request.");
        }

        if (sent.WhenPosted is not null)
        {
            call.Warnings.Add($"{prefix}/WhenPosted: '{sent.WhenPosted}' was replaced by the server's time {call.Style.Format(now)}.");
        }
    }

    /// <summary>What the store needs to make the message at its place in the session and to update the session with it.</summary>
    private readonly record struct MessageMaking(ChatState Chat, int SessionId, ChatMessage? Sent, string Locale, string WhenPosted, DateTimeOffset Now)
    {
        /// <summary>The message sent (with the carrier's defaults), or the generated one at its place; posted now.</summary>
        public static ChatMessage Build(MessageMaking making, int position) =>
            (making.Sent ?? making.Chat.Generated(making.SessionId, position, making.Locale)) with { WhenPosted = making.WhenPosted };

        public static void Touch(MessageMaking making, ChatSessionEntity session, ChatMessage message) => ChatState.Touch(session, message, making.Now);
    }
}
