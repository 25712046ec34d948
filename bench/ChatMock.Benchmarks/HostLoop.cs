using System.Diagnostics;
using System.Globalization;
using ChatMock.Testing;
using Microsoft.AspNetCore.TestHost;

namespace ChatMock.Benchmarks;

/// <summary>
/// A plain loop of the documentation sample through <see cref="HttpClient"/>, to the in-memory host or to the bare
/// TestServer endpoint of <see cref="InMemoryHostBenchmarks"/>, for a cross-check of that benchmark over longer runs:
/// it prints, per round of calls, the time, bytes allocated, garbage-collection pauses and thread-pool work items per
/// call (both targets take two: ChatMock adds no hand-off between threads), and the number of collections of each
/// generation (the journal's cost shows in the older generations).
/// Usage: <c>hostloop (chatmock|bare) [calls per round] [rounds]</c>; <c>CHATMOCK_JOURNAL_CAPACITY</c> (default 10000),
/// <c>CHATMOCK_GC_REASONS=1</c> (collections by reason and bytes promoted, <see cref="GcReasons"/>).
/// </summary>
internal static class HostLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.FirstOrDefault();
        if (target is not ("chatmock" or "bare"))
        {
            await Console.Error.WriteLineAsync("usage: hostloop (chatmock|bare) [calls per round] [rounds]");
            return 2;
        }

        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var capacity = int.TryParse(Environment.GetEnvironmentVariable("CHATMOCK_JOURNAL_CAPACITY"), CultureInfo.InvariantCulture, out var set) ? set : 10_000;

        await using var chatMock = target == "chatmock" ? await ChatMockTestHost.StartAsync(o => (o.Seed, o.JournalCapacity) = (42, capacity)) : null;
        using var bare = target == "bare" ? await InMemoryHostBenchmarks.StartBareTestServerAsync() : null;
        using var client = chatMock?.CreateClient() ?? bare!.GetTestServer().CreateClient();

        using var reasons = GcReasons.StartIfAsked();

        // Three seconds for tiered compilation to reach the optimized code.
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 3000)
        {
            await LoopAsync(client, 1_000);
        }

        for (var round = 1; round <= rounds; round++)
        {
            reasons?.Take();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var pauses = GC.GetTotalPauseDuration();
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var workItems = ThreadPool.CompletedWorkItemCount;
            var wall = Stopwatch.StartNew();
            await LoopAsync(client, calls);
            wall.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target,-8} round {round}: {wall.Elapsed.TotalMicroseconds / calls,6:F2} us/call, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls,6} B/call, GC pauses {(GC.GetTotalPauseDuration() - pauses).TotalMicroseconds / calls:F2} us/call, collections gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}, thread-pool work items {(ThreadPool.CompletedWorkItemCount - workItems) / (double)calls:F2}/call, {LastYoungCollection()}"));
            if (reasons is not null)
            {
                Console.WriteLine("  collections by reason: " + reasons.Take());
            }
        }

        return 0;
    }

    /// <summary>What the last gen0 or gen1 collection kept: how much it promoted, its pause, and the heap's older generations after it.</summary>
    internal static string LastYoungCollection()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        return string.Create(CultureInfo.InvariantCulture,
            $"last young collection: gen{info.Generation}, promoted {info.PromotedBytes / 1024} KB, pause {info.PauseDurations[0].TotalMilliseconds:F2} ms, gen1/gen2 after {info.GenerationInfo[1].SizeAfterBytes / 1024}/{info.GenerationInfo[2].SizeAfterBytes / 1024} KB");
    }

    private static async Task LoopAsync(HttpClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            using var response = await InMemoryHostBenchmarks.Send(client);
            await response.Content.ReadAsByteArrayAsync();
        }
    }
}
