namespace ChatMock;

/// <summary>
/// The settings a running ChatMock instance was started with, to read. A host's <c>Options</c> hands out a copy
/// taken at start: the settings of a running instance cannot be changed, so changing the copy (even after a cast)
/// changes nothing. Settings are chosen when the host starts; see <see cref="ChatMockOptions"/> for each one.
/// </summary>
public interface IReadOnlyChatMockOptions
{
    /// <summary>Gets the configured seed of the generated data, or null for a random one (see <see cref="ChatMockOptions.Seed"/>).</summary>
    int? Seed { get; }

    /// <summary>Gets whether a property the contract does not know makes the request a violation.</summary>
    bool RejectUnknownProperties { get; }

    /// <summary>Gets the folder of the contract's schema files, or null for the built-in ones.</summary>
    string? ContractsPath { get; }

    /// <summary>Gets how many calls the journal keeps.</summary>
    int JournalCapacity { get; }

    /// <summary>Gets how many bytes the journal keeps at most.</summary>
    long JournalMaxBytes { get; }

    /// <summary>Gets the largest request body accepted, in bytes.</summary>
    int MaxRequestBodyBytes { get; }

    /// <summary>Gets the id given to the first message.</summary>
    int FirstChatMessageId { get; }

    /// <summary>Gets the TCP port of the standalone server (0: chosen by the system).</summary>
    int Port { get; }

    /// <summary>Gets how many requests WireMock.Net's own log keeps in the standalone server.</summary>
    int WireMockLogCapacity { get; }

    /// <summary>Gets whether the standalone server's engine answers in front of WireMock.Net's matching.</summary>
    bool DirectAnswers { get; }

    /// <summary>Gets how many calls in a second the standalone server logs with a line each.</summary>
    int CallLinesPerSecond { get; }

    /// <summary>Gets the token the standalone server's admin endpoints require, or null when they are open.</summary>
    string? AdminToken { get; }

    /// <summary>Gets the origins of web pages allowed to call the standalone server's admin endpoints.</summary>
    IReadOnlyList<string> AdminOrigins { get; }

    /// <summary>Gets whether mappings may answer with, or save themselves as, files.</summary>
    bool AllowMappingFiles { get; }

    /// <summary>Gets whether mappings may make the server send requests elsewhere.</summary>
    bool AllowMappingProxies { get; }

    /// <summary>Gets the folder of WireMock mapping files the standalone server loads, or null.</summary>
    string? MappingsPath { get; }

    /// <summary>Gets how the credentials of a call are checked.</summary>
    ChatMockAuthentication Authentication { get; }

    /// <summary>Gets the Basic users and their passwords accepted with <see cref="ChatMockAuthentication.Configured"/>.</summary>
    IReadOnlyDictionary<string, string> Users { get; }

    /// <summary>Gets the <c>SoTicket</c> values accepted with <see cref="ChatMockAuthentication.Configured"/>.</summary>
    IReadOnlyList<string> Tickets { get; }

    /// <summary>Gets the <c>Bearer</c> tokens accepted with <see cref="ChatMockAuthentication.Configured"/>.</summary>
    IReadOnlyList<string> BearerTokens { get; }

    /// <summary>Gets whether a call authenticated by <c>X-XSRF-TOKEN</c> must also carry a matching cookie.</summary>
    bool RequireXsrfCookie { get; }

    /// <summary>Gets the origins browsers may call from (CORS).</summary>
    IReadOnlyList<string> CorsOrigins { get; }

    /// <summary>Gets the shortest delay added before each answer, in milliseconds.</summary>
    int MinDelayMilliseconds { get; }

    /// <summary>Gets the longest delay added before each answer, in milliseconds.</summary>
    int MaxDelayMilliseconds { get; }

    /// <summary>Gets what a message to a chat session ChatMock has not seen does.</summary>
    UnknownSessionPolicy UnknownSessions { get; }

    /// <summary>Gets the most chat sessions kept.</summary>
    int MaxSessions { get; }

    /// <summary>Gets the most messages one session keeps.</summary>
    int MaxMessagesPerSession { get; }

    /// <summary>Gets the most messages kept in all sessions.</summary>
    int MaxMessages { get; }

    /// <summary>Gets how many bytes the chat store's messages take at most.</summary>
    long MaxChatBytes { get; }

    /// <summary>Gets the JSON file of topics that replaces the default ones, or null.</summary>
    string? TopicsPath { get; }

    /// <summary>Gets how many sample sessions are generated at start.</summary>
    int SampleSessions { get; }

    /// <summary>Returns a copy that can be changed, for example to start another host with the same settings.</summary>
    /// <returns>A new <see cref="ChatMockOptions"/> with the same values.</returns>
    ChatMockOptions Clone();
}
