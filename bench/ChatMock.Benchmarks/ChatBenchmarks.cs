using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Messages;

namespace ChatMock.Benchmarks;

/// <summary>
/// The chat operations with state, one engine call each, default limits: GetChatMessages of the last messages of a
/// session holding 10,000 (budget 20 µs and 16 KB per call: the cost follows what is returned, not the session),
/// AddChatMessage to a stored session, and CreateChatSessionForTopic with the store full of sessions.
/// </summary>
[MemoryDiagnoser]
public class ChatBenchmarks
{
    private const int StoredMessages = 10_000;

    /// <summary>Posts to the one session between two restarts of it, so it never reaches MaxMessagesPerSession.</summary>
    private const int PostsPerSession = 4_096;

    private ChatMockEngine _engine = null!;
    private ChatMockRequest _readLast = null!;
    private ChatMockRequest _readLastRest = null!;
    private ChatMockRequest _post = null!;
    private ChatMockRequest _create = null!;
    private int _postSession;
    private int _posts;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ChatMockEngine(new ChatMockOptions { Seed = 42 });
        var big = Check(Request("CreateChatSessionForTopic", """{"ChatTopicId": 1}"""), 200);
        var bigId = ReadInt(big, "ChatSessionId");
        var text = new ChatMessage { Type = "ToUser", Message = "Hello, I have a question about my invoice.", Author = "Kari" };
        var lastIds = new List<int>();
        for (var i = 0; i < StoredMessages; i++)
        {
            lastIds.Add(_engine.Chat.AddMessage(bigId, _ => text with { WhenPosted = "2026-12-02T10:00:00Z" }, null, null).Message!.ChatMessageId!.Value);
        }

        var after = lastIds[^11]; // the last ten messages
        _readLast = Request("GetChatMessages", $$"""{"ChatSessionId": {{bigId}}, "After": {{after}}}""");
        _readLastRest = Http("GET", $"/api/v1/ChatSession/{bigId}/Messages", "?after=" + after.ToString(CultureInfo.InvariantCulture), null);
        if (CountItems(Check(_readLast, 200)) != 10)
        {
            throw new InvalidOperationException("GetChatMessages did not answer the last ten messages.");
        }

        // The store full of sessions, as after a long day: creating one removes the least recently active.
        while (_engine.Chat.Sessions().Count < _engine.Options.MaxSessions)
        {
            _engine.Chat.AddSession(new ChatSessionEntity { TopicId = 1, Status = "UserLast" });
        }

        _create = Request("CreateChatSessionForTopic", """{"ChatTopicId": 2}""");
        Check(_create, 200);
        _postSession = ReadInt(Check(Request("CreateChatSessionForTopic", """{"ChatTopicId": 1}"""), 200), "ChatSessionId");
        _post = Request("AddChatMessage", $$$"""{"ChatSessionId": {{{_postSession}}}, "Message": {"Type": "ToCustomer", "Message": "Thanks, let me look that up for you.", "Author": "Ola"}}""");
        Check(_post, 200);
    }

    [Benchmark(Baseline = true, Description = "GetChatMessages, last 10 of 10,000")]
    public object GetChatMessages_Last10Of10000() => _engine.Handle(_readLast);

    [Benchmark(Description = "GET ChatSession/{id}/Messages?after, last 10 of 10,000")]
    public object GetChatMessagesRest_Last10Of10000() => _engine.Handle(_readLastRest);

    [Benchmark(Description = "AddChatMessage to a stored session")]
    public object AddChatMessage_StoredSession()
    {
        if (++_posts % PostsPerSession == 0)
        {
            // Amortised: one restart of the session per 4,096 posts.
            _engine.Chat.DeleteSession(_postSession);
            _engine.Chat.AddSession(new ChatSessionEntity { ChatSessionId = _postSession, TopicId = 1, Status = "UserLast" });
        }

        return _engine.Handle(_post);
    }

    [Benchmark(Description = "CreateChatSessionForTopic, store at MaxSessions")]
    public object CreateChatSessionForTopic_StoreFull() => _engine.Handle(_create);

    internal static ChatMockRequest Request(string operation, string body) =>
        Http("POST", "/api/v1/Agents/Chat/" + operation, string.Empty, body);

    internal static ChatMockRequest Http(string method, string path, string query, string? body) => new()
    {
        Method = method,
        Path = path,
        QueryString = query,
        Headers = body is null ? Samples.SampleHeaders.Where(h => h.Key != "Content-Type").ToArray() : Samples.SampleHeaders,
        Body = body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
    };

    private static int ReadInt(ChatMockResponse response, string name) =>
        System.Text.Json.JsonDocument.Parse(response.Body).RootElement.GetProperty(name).GetInt32();

    private static int CountItems(ChatMockResponse response) =>
        System.Text.Json.JsonDocument.Parse(response.Body).RootElement.GetArrayLength();

    private ChatMockResponse Check(ChatMockRequest request, int status)
    {
        var response = _engine.Handle(request);
        return response.StatusCode == status
            ? response
            : throw new InvalidOperationException($"The benchmark request was answered {response.StatusCode}, not {status}: {Encoding.UTF8.GetString(response.Body.Span)}");
    }
}
