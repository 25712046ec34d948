using ChatMock.Operations.Chat;

namespace ChatMock.Operations;

/// <summary>What a handler may use: the settings, the clock and the seed of generated data.</summary>
/// <param name="Options">The engine's settings.</param>
/// <param name="TimeProvider">The engine's clock.</param>
/// <param name="Seed">The seed of generated data.</param>
/// <param name="Chat">The chat state the operations share.</param>
internal sealed record HandlerSetup(ChatMockOptions Options, TimeProvider TimeProvider, int Seed, ChatState Chat);

/// <summary>The operation handlers by the names <c>x-chatmock-handler</c> gives them: a new operation adds one line here.</summary>
internal static class OperationHandlers
{
    private static readonly Dictionary<string, Func<HandlerSetup, IOperationHandler>> Factories = new(StringComparer.Ordinal)
    {
        ["AddChatMessage"] = setup => new AddChatMessageHandler(setup),
        ["GetChatMessages"] = setup => new GetChatMessagesHandler(setup),
        ["GetChatTranscript"] = setup => new GetChatTranscriptHandler(setup),
        ["CreateDefaultChatSessionEntity"] = setup => new CreateDefaultChatSessionEntityHandler(setup),
        ["SaveChatSessionEntity"] = setup => new SaveChatSessionEntityHandler(setup),
        ["GetChatSessionEntity"] = setup => new GetChatSessionEntityHandler(setup),
        ["DeleteChatSessionEntity"] = setup => new DeleteChatSessionEntityHandler(setup),
        ["CreateChatSessionForTopic"] = setup => new CreateChatSessionForTopicHandler(setup),
        ["ChatSessionsForUser"] = setup => new ChatSessionsForUserHandler(setup),
        ["PickUpChatSession"] = setup => new PickUpChatSessionHandler(setup),
        ["ResetChatSession"] = setup => new ResetChatSessionHandler(setup),
        ["GetChatTopicEntity"] = setup => new GetChatTopicEntityHandler(setup),
        ["ChatTopicsForUser"] = setup => new ChatTopicsForUserHandler(setup),
        ["IsWithinOpeningHours"] = setup => new IsWithinOpeningHoursHandler(setup),
    };

    /// <summary>Gets the names of the handlers ChatMock has.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Makes the handler of a name <see cref="Names"/> holds.</summary>
    public static IOperationHandler Create(string name, HandlerSetup setup) => Factories[name](setup);
}
