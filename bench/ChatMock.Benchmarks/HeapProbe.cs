using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace ChatMock.Benchmarks;

/// <summary>
/// Reads another .NET process's memory as dotnet-gcdump and dotnet-counters would (neither is served here): one
/// EventPipe session that asks the runtime for a full blocking collection and reads the heap size it reports,
/// then the resident set size from /proc. Usage: <c>heap --pid N [--counters]</c>; prints
/// <c>rss_mb=… gc_heap_mb=…</c> (the managed heap after that collection: live objects only), and with
/// <c>--counters</c> the runtime's own figures of the collector's memory (<c>gc_committed_mb</c>: what it holds from
/// the system, and <c>gc_fragmentation_percent</c>: how much of its heap is free between objects), read from its <c>System.Runtime</c> counters.
/// </summary>
internal static class HeapProbe
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<int> RunAsync(string[] args)
    {
        var pid = int.Parse(args[Array.IndexOf(args, "--pid") + 1], CultureInfo.InvariantCulture);
        var client = new DiagnosticsClient(pid);
        var providers = new[]
        {
            new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
        };

        long? heapBytes = null;
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCHeapStats += stats =>
        {
            heapBytes ??= stats.TotalHeapSize;
            session.Stop();
        };

        var processing = Task.Run(source.Process);
        if (await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(30))) != processing)
        {
            session.Stop();
        }

        var line = FormattableString.Invariant($"rss_mb={RssMegabytes(pid):0.0} gc_heap_mb={(heapBytes ?? -1) / 1048576.0:0.0}");
        if (args.Contains("--counters"))
        {
            var counters = await ReadCountersAsync(client);
            line += FormattableString.Invariant($" gc_committed_mb={counters.GetValueOrDefault("gc-committed", -1):0.0} gc_fragmentation_percent={counters.GetValueOrDefault("gc-fragmentation", -1):0.0}");
        }

        Console.WriteLine(line);
        return heapBytes is null ? 1 : 0;
    }

    /// <summary>The <c>System.Runtime</c> counters' values (in the units they are published in: megabytes for the collector's memory, a percentage for its fragmentation) over one interval of a second.</summary>
    private static async Task<Dictionary<string, double>> ReadCountersAsync(DiagnosticsClient client)
    {
        var arguments = new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" };
        var values = new Dictionary<string, double>();
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("System.Runtime", EventLevel.Informational, -1, arguments)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> { } outer
                || outer["Payload"] is not IDictionary<string, object> { } payload)
            {
                return;
            }

            var value = payload.TryGetValue("Mean", out var mean) ? mean : payload["Increment"];
            values[(string)payload["Name"]] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (values.ContainsKey("gc-committed") && values.ContainsKey("gc-fragmentation"))
            {
                session.Stop();
            }
        };

        var processing = Task.Run(source.Process);
        if (await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(5))) != processing)
        {
            session.Stop();
        }

        return values;
    }


    private static double RssMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }
}
