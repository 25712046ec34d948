namespace ChatMock.Operations;

/// <summary>What a handler may use: the settings, the clock and the seed of generated data.</summary>
/// <param name="Options">The engine's settings.</param>
/// <param name="TimeProvider">The engine's clock.</param>
/// <param name="Seed">The seed of generated data.</param>
internal sealed record HandlerSetup(ChatMockOptions Options, TimeProvider TimeProvider, int Seed);

/// <summary>The operation handlers by the names <c>x-chatmock-handler</c> gives them: a new operation adds one line here.</summary>
internal static class OperationHandlers
{
    private static readonly Dictionary<string, Func<HandlerSetup, IOperationHandler>> Factories = new(StringComparer.Ordinal)
    {
        ["AddChatMessage"] = setup => new AddChatMessageHandler(setup),
    };

    /// <summary>Gets the names of the handlers ChatMock has.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Makes the handler of a name <see cref="Names"/> holds.</summary>
    public static IOperationHandler Create(string name, HandlerSetup setup) => Factories[name](setup);
}
