using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ChatMock.Engine;

namespace ChatMock.Benchmarks;

/// <summary>
/// A plain loop over one engine scenario, for finding a cause rather than reporting a figure (the figures come from
/// <see cref="EngineBenchmarks"/>). It prints wall time, this thread's CPU time (which moves less than wall time on a
/// busy machine), bytes allocated and exceptions thrown per call. Under
/// <c>valgrind --tool=callgrind</c> with <c>DOTNET_PerfMapEnabled=1</c>, two runs of different lengths give a
/// deterministic instruction count per call and per method (bench/README.md).
/// Usage: <c>profile [scenario|all] [calls]</c>; environment: <c>CHATMOCK_JOURNAL_CAPACITY</c> (default 10000),
/// <c>CHATMOCK_PROFILE_WARMUP_MS</c> (default 1500; 0 under valgrind with <c>DOTNET_TieredCompilation=0</c>),
/// <c>CHATMOCK_GC_REASONS=1</c> (collections by reason and bytes promoted, <see cref="GcReasons"/>).
/// </summary>
internal static partial class EngineProfile
{
    public static int Run(string[] args)
    {
        var scenario = args.FirstOrDefault() ?? "all";
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var capacity = Setting("CHATMOCK_JOURNAL_CAPACITY", 10_000);
        var warmupMilliseconds = Setting("CHATMOCK_PROFILE_WARMUP_MS", 1500);
        var scenarios = Scenarios();
        if (scenario != "all" && !scenarios.ContainsKey(scenario))
        {
            Console.Error.WriteLine($"Unknown scenario '{scenario}'; one of: all, {string.Join(", ", scenarios.Keys)}.");
            return 2;
        }

        using var reasons = GcReasons.StartIfAsked();
        var exceptions = 0L;
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        foreach (var (name, request) in scenarios)
        {
            if (scenario != "all" && scenario != name)
            {
                continue;
            }

            var engine = new ChatMockEngine(new ChatMockOptions { Seed = 42, JournalCapacity = capacity });

            // Long enough for tiered compilation to reach its optimized code (it waits 100 ms between steps).
            var warmup = Stopwatch.StartNew();
            var next = 0;
            do
            {
                engine.Handle(request[next++ % request.Length]);
            }
            while (warmup.ElapsedMilliseconds < warmupMilliseconds);

            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var thrown = Interlocked.Read(ref exceptions);
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            reasons?.Take();
            var cpu = ThreadCpuNanoseconds();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                engine.Handle(request[next++ % request.Length]);
            }

            wall.Stop();
            Console.WriteLine(FormattableString.Invariant(
                $"{name,-12} wall {wall.Elapsed.TotalNanoseconds / calls / 1000,7:0.00} us  cpu {(ThreadCpuNanoseconds() - cpu) / (double)calls / 1000,7:0.00} us  alloc {(GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)calls,7:0} B  exceptions {(Interlocked.Read(ref exceptions) - thrown) / (double)calls:0.00}  collections gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}, {HostLoop.LastYoungCollection()}"));
            if (reasons is not null)
            {
                Console.WriteLine("  collections by reason: " + reasons.Take());
            }
        }

        return 0;
    }

    // The valid requests go round Samples.Sessions sessions, as EngineBenchmarks' do.
    private static Dictionary<string, ChatMockRequest[]> Scenarios() => new()
    {
        ["generated"] = [.. Samples.ForEachSession(Samples.GeneratedMessageJson).Select(body => Samples.Request(body))],
        ["posted"] = [.. Samples.ForEachSession(Samples.PostedMessageJson).Select(body => Samples.Request(body))],
        ["malformed"] = [Samples.Request(Samples.MalformedJson)],
        ["violation"] = [Samples.Request(Samples.ContractViolationJson)],
        ["xml"] = [.. Samples.ForEachSession(Samples.PostedMessageXml).Select(body => Samples.Request(body, "application/xml; charset=utf-8", accept: "application/xml"))],
        ["select"] = [.. Samples.ForEachSession(Samples.GeneratedMessageJson).Select(body => Samples.Request(body, query: "?$select=Message,Author,WhenPosted"))],
    };

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static long ThreadCpuNanoseconds() =>
        ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
