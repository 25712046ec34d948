using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace ChatMock.Benchmarks;

/// <summary>
/// Reads another .NET process's memory as dotnet-gcdump and dotnet-counters would (neither is served here): one
/// EventPipe session that asks the runtime for a full blocking collection and reads the heap size it reports,
/// then the resident set size from /proc. Usage: <c>heap --pid N</c>; prints
/// <c>rss_mb=… gc_heap_mb=…</c> (the managed heap after that collection: live objects only).
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

        Console.WriteLine(FormattableString.Invariant($"rss_mb={RssMegabytes(pid):0.0} gc_heap_mb={(heapBytes ?? -1) / 1048576.0:0.0}"));
        return heapBytes is null ? 1 : 0;
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
