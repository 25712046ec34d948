using System.Collections.Concurrent;
using ChatMock.Answers;
using ChatMock.FakeData;
using ChatMock.Messages;
using ChatMock.Protocol;
using Newtonsoft.Json.Linq;

namespace ChatMock.Operations;

/// <summary>AddChatMessage: the stored message as DESIGN.md D3 says, posted fields as posted, the rest from the server.</summary>
internal sealed class AddChatMessageHandler(HandlerSetup setup) : IOperationHandler
{
    private readonly ConcurrentDictionary<int, int> _messagesPerSession = new();
    private int _lastChatMessageId = setup.Options.FirstChatMessageId - 1;

    /// <inheritdoc/>
    public void Read(OperationCall call)
    {
        var posted = ChatMessageJson.ReadRequest((JObject)call.Document!);
        call.Input = posted;
        call.Outcome.Request = posted;
    }

    /// <inheritdoc/>
    public string Missing(OperationCall call) => $"ChatSession id {((AddChatMessageRequest)call.Input!).ChatSessionId}";

    /// <inheritdoc/>
    public OperationAnswer Handle(OperationCall call) =>
        OperationAnswer.Of(BuildMessage((AddChatMessageRequest)call.Input!, call.Document!["Message"] as JObject, call.Locale, call.Found.TimeZone, call.Warnings));

    /// <inheritdoc/>
    public void Reset()
    {
        _messagesPerSession.Clear();
        Interlocked.Exchange(ref _lastChatMessageId, setup.Options.FirstChatMessageId - 1);
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

    private ChatMessage BuildMessage(AddChatMessageRequest posted, JObject? postedMessage, string locale, SuperOfficeTimeZone? timeZone, List<string> warnings)
    {
        var sessionId = posted.ChatSessionId;
        var sequence = _messagesPerSession.AddOrUpdate(sessionId, 1, static (_, n) => n + 1);
        var id = Interlocked.Increment(ref _lastChatMessageId);
        var now = setup.TimeProvider.GetUtcNow();
        var whenPosted = timeZone?.Format(now) ?? UtcText.Format(now);

        if (posted.Message is not { } sent || postedMessage is null)
        {
            var generated = ChatMessageFaker.Generate(SessionSeed(setup.Seed, sessionId, sequence), locale);
            return generated with { ChatMessageId = id, ChatSessionId = sessionId, WhenPosted = whenPosted };
        }

        if (sent.ChatMessageId is { } sentId && sentId != 0)
        {
            warnings.Add($"/Message/ChatMessageId: {sentId} was replaced by {id}; the server assigns message ids.");
        }

        if (sent.ChatSessionId is { } sentSession && sentSession != 0 && sentSession != sessionId)
        {
            warnings.Add($"/Message/ChatSessionId: {sentSession} was replaced by {sessionId}, the ChatSessionId of the request.");
        }

        if (sent.WhenPosted is not null)
        {
            warnings.Add($"/Message/WhenPosted: '{sent.WhenPosted}' was replaced by the server's time {whenPosted}.");
        }

        // A property the client left out takes the carrier's default, as SuperOffice stores it; one it sent, even
        // as null, comes back as sent.
        return ChatMessageJson.WithCarrierDefaults(sent, postedMessage) with
        {
            ChatMessageId = id,
            ChatSessionId = sessionId,
            WhenPosted = whenPosted,
        };
    }
}
