using System.Globalization;
using ChatMock.Engine;

namespace ChatMock.Benchmarks;

/// <summary>
/// The managed memory one kept chat message costs: the heap after a full collection, before and after 100,000
/// messages posted through the engine to 20 sessions (a journal of one call, so the journal does not count).
/// Usage: <c>chatmemory</c>; prints <c>messages=… bytes=… bytes_per_message=…</c>.
/// </summary>
internal static class ChatMemoryProbe
{
    private const int Sessions = 20;
    private const int PerSession = 5_000;

    public static int Run()
    {
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 42, JournalCapacity = 1 });
        var requests = Enumerable.Range(1, Sessions)
            .Select(id => ChatBenchmarks.Request("AddChatMessage", $$$"""{"ChatSessionId": {{{id}}}, "Message": {"Type": "ToUser", "Message": "Hello, I have a question about invoice 10234.", "Author": "Kari Nordmann"}}"""))
            .ToArray();
        engine.Handle(requests[0]);
        engine.Chat.Clear();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < PerSession; i++)
        {
            foreach (var request in requests)
            {
                if (engine.Handle(request).StatusCode != 200)
                {
                    throw new InvalidOperationException("A message was refused.");
                }
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var kept = engine.Chat.Sessions().Sum(s => engine.Chat.Messages(s.ChatSessionId!.Value)!.Count);
        GC.KeepAlive(engine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages={kept} bytes={after - before} bytes_per_message={(after - before) / (double)kept:F0}"));
        return kept == Sessions * PerSession ? 0 : 1;
    }
}
