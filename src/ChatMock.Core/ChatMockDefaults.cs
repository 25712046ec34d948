namespace ChatMock;

/// <summary>The default values of <see cref="ChatMockOptions"/>, written down once.</summary>
internal static class ChatMockDefaults
{
    public const int Port = 8080;

    public const int JournalCapacity = 10_000;

    public const UnknownSessionPolicy UnknownSessions = UnknownSessionPolicy.Create;

    public const int MaxSessions = 10_000;

    public const int MaxMessagesPerSession = 10_000;

    public const int MaxMessages = 100_000;

    public const long MaxChatBytes = Chat.ChatStoreLimits.DefaultMaxBytes;

    public const int MaxRequestBodyBytes = 1_048_576;

    public const bool RejectUnknownProperties = true;

    public const int FirstChatMessageId = 1;

    public const int WireMockLogCapacity = 0;

    public const bool DirectAnswers = true;

    public const int CallLinesPerSecond = 1_000;

    public const bool AllowMappingFiles = false;

    public const bool AllowMappingProxies = false;

    public const long JournalMaxBytes = 128L * 1_048_576;

    public const ChatMockAuthentication Authentication = ChatMockAuthentication.AnyCredentials;
}
