using System.Text.Json;
using Bogus;
using ChatMock.Answers;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Contracts;
using ChatMock.FakeData;
using ChatMock.Messages;

namespace ChatMock.Operations;

/// <summary>
/// What the chat operations share: the store, the empty carriers (each property's schema <c>default</c>), the
/// clock and the seed, and the changes a message makes to its session.
/// </summary>
internal sealed class ChatState
{
    /// <summary>The file name of the ChatSessionEntity schema.</summary>
    public const string SessionSchema = "chat-session-entity.schema.json";

    /// <summary>The file name of the ChatTopicEntity schema.</summary>
    public const string TopicSchema = "chat-topic-entity.schema.json";

    /// <summary>The longest <c>FirstMessage</c> and <c>LastMessage</c> (the database columns are String(1024)).</summary>
    private const int MessageCopyLength = 1024;

    private readonly int _sampleSessions;

    /// <summary>Initializes a new instance of the <see cref="ChatState"/> class: the topics, the store, the sample sessions.</summary>
    /// <exception cref="ChatMockOptionsException">The topics file cannot be read.</exception>
    public ChatState(ChatMockOptions options, TimeProvider timeProvider, int seed, ContractSchemas schemas)
    {
        Options = options;
        TimeProvider = timeProvider;
        Seed = seed;
        EmptyMessage = CarrierReader.Empty<ChatMessage>(Carrier.ChatMessage, schemas.ChatMessage);
        EmptySession = schemas.ByFileName(SessionSchema) is { } session ? CarrierReader.Empty<ChatSessionEntity>(Carrier.ChatSession, session) : new ChatSessionEntity();
        EmptyTopic = schemas.ByFileName(TopicSchema) is { } topic ? CarrierReader.Empty<ChatTopicEntity>(Carrier.ChatTopic, topic) : new ChatTopicEntity();
        var topics = string.IsNullOrEmpty(options.TopicsPath) ? ChatFaker.DefaultTopics(seed, EmptyTopic) : ReadTopics(options.TopicsPath);
        Store = new InMemoryChatStore(new ChatStoreLimits(options.MaxSessions, options.MaxMessagesPerSession, options.MaxMessages, options.MaxChatBytes), options.FirstChatMessageId, topics);
        _sampleSessions = options.SampleSessions;
        ChatFaker.AddSampleSessions(this, _sampleSessions);
    }

    /// <summary>Gets the store.</summary>
    public InMemoryChatStore Store { get; }

    /// <summary>Gets the engine's settings.</summary>
    public ChatMockOptions Options { get; }

    /// <summary>Gets the engine's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the seed of generated data.</summary>
    public int Seed { get; }

    /// <summary>Gets the empty ChatMessage: what a posted message's left-out properties are.</summary>
    public ChatMessage EmptyMessage { get; }

    /// <summary>Gets the empty ChatSessionEntity.</summary>
    public ChatSessionEntity EmptySession { get; }

    /// <summary>Gets the empty ChatTopicEntity.</summary>
    public ChatTopicEntity EmptyTopic { get; }

    /// <summary>
    /// What a message does to its session, changed in place (<see cref="InMemoryChatStore.AddMessageTouchingSession"/>):
    /// first and last message, idle time, and who wrote last (ChatMock's choice).
    /// </summary>
    public static void Touch(ChatSessionEntity session, ChatMessage message, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(session.FirstMessage))
        {
            session.FirstMessage = Cut(message.Message);
        }

        session.LastMessage = Cut(message.Message);
        session.WhenIdle = now;
        session.Status = message.Type switch
        {
            "ToUser" => "CustomerLast",
            "ToCustomer" => "UserLast",
            _ => session.Status,
        };
    }

    /// <summary>The generated message at <paramref name="position"/> in a session: from the seed, the session and the position only (D4).</summary>
    public ChatMessage Generated(int sessionId, int position, string? locale) =>
        ChatMessageFaker.Generate(AddChatMessageHandler.SessionSeed(Seed, sessionId, position), locale);

    /// <summary>
    /// A new session on <paramref name="topicId"/>, as CreateChatSessionForTopic makes it: in the queue, requested
    /// now, with a session key and its place in the queue.
    /// </summary>
    public ChatSessionEntity NewSession(int topicId, DateTimeOffset now)
    {
        var queued = Store.QueuedSessions;
        var key = new Randomizer(AddChatMessageHandler.SessionSeed(Seed, topicId, unchecked((int)now.ToUnixTimeMilliseconds()) ^ queued)).Hash(32);
        return EmptySession with
        {
            ChatSessionId = 0,
            TopicId = topicId,
            Status = "InQueue",
            WhenRequested = now,
            SessionKey = key,
            InitialQueuePos = queued + 1,
        };
    }

    /// <summary>The id of the first topic, on which sessions made for a message land; 0 when there is none.</summary>
    public int FirstTopicId => Store.Topics() is [var first, ..] ? first.ChatTopicId ?? 0 : 0;

    /// <summary>Forgets the sessions and messages, and makes the sample sessions again.</summary>
    public void Reset()
    {
        Store.Clear();
        ChatFaker.AddSampleSessions(this, _sampleSessions);
    }

    private static string? Cut(string? text) => text is { Length: > MessageCopyLength } ? text[..MessageCopyLength] : text;

    private static List<ChatTopicEntity> ReadTopics(string path)
    {
        List<ChatTopicEntity>? topics;
        try
        {
            topics = JsonSerializer.Deserialize(File.ReadAllText(path), CarrierJson.Default.ListChatTopicEntity);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ChatMockOptionsException($"TopicsPath: {path} cannot be read as a JSON array of ChatTopicEntity: {ex.Message}", ex);
        }

        var problems = new List<string>();
        if (topics is null or { Count: 0 })
        {
            problems.Add($"TopicsPath: {path} holds no topic; give at least one.");
        }
        else
        {
            problems.AddRange(topics.Where(t => t.ChatTopicId is null or <= 0).Select(t => $"TopicsPath: the topic '{t.Name}' has no ChatTopicId above 0."));
            problems.AddRange(topics.GroupBy(t => t.ChatTopicId).Where(g => g.Count() > 1).Select(g => $"TopicsPath: two topics have the ChatTopicId {g.Key}."));
        }

        return problems.Count > 0 ? throw new ChatMockOptionsException(problems) : topics!;
    }
}
