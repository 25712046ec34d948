using System.Globalization;
using ChatMock.Engine;

namespace ChatMock.Benchmarks;

/// <summary>
/// The engine's memory as the million-call run of bench/load.sh loads the server, without the server: the load's
/// generated message posted to 1,000 sessions in turn (bench/post.lua), the default limits and journal. At 10,000,
/// 100,000, 200,000 and 400,000 calls it prints the live heap after a full collection and what the collector holds
/// from the system. Usage: <c>storememory</c>; prints <c>calls=… live_mb=… committed_mb=…</c> per point.
/// </summary>
internal static class StoreMemoryProbe
{
    private const int Sessions = 1_000;

    public static int Run()
    {
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var requests = Enumerable.Range(1, Sessions)
            .Select(i => ChatBenchmarks.Request("AddChatMessage", $$$"""{"ChatSessionId": {{{1_000 + i}}}, "Message": null}"""))
            .ToArray();
        var sent = 0;
        foreach (var point in new[] { 10_000, 100_000, 200_000, 400_000 })
        {
            for (; sent < point; sent++)
            {
                if (engine.Handle(requests[sent % Sessions]).StatusCode != 200)
                {
                    throw new InvalidOperationException("A message was refused.");
                }
            }

            var live = GC.GetTotalMemory(forceFullCollection: true);
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls={point} live_mb={live / 1048576.0:F1} committed_mb={committed / 1048576.0:F1}"));
        }

        GC.KeepAlive(engine);
        return 0;
    }
}
