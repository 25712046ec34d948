using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ChatMock.Benchmarks;

/// <summary>
/// Reads another .NET process's memory the way dotnet-counters does (which is not served here): one EventPipe
/// session on the System.Runtime counters, until the managed heap size has been reported; plus RSS from /proc.
/// Usage: <c>heap --pid N</c>; prints <c>rss_mb=… gc_heap_mb=… gc_committed_mb=…</c>.
/// </summary>
internal static class HeapProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pid = int.Parse(args[Array.IndexOf(args, "--pid") + 1], CultureInfo.InvariantCulture);
        var client = new DiagnosticsClient(pid);
        var providers = new[]
        {
            new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xffffffff, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
        };

        double? heap = null, committed = null;
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> payload)
            {
                return;
            }

            var value = payload.TryGetValue("Mean", out var mean) ? Convert.ToDouble(mean, CultureInfo.InvariantCulture) : double.NaN;
            switch (payload["Name"] as string)
            {
                case "gc-heap-size":
                    heap = value;
                    break;
                case "gc-committed":
                    committed = value;
                    break;
            }

            if (heap is not null && committed is not null)
            {
                session.Stop();
            }
        };

        var processing = Task.Run(source.Process);
        var finished = await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(15)));
        if (finished != processing)
        {
            session.Stop();
        }

        Console.WriteLine(FormattableString.Invariant(
            $"rss_mb={RssMegabytes(pid):0.0} gc_heap_mb={heap ?? double.NaN:0.0} gc_committed_mb={committed ?? double.NaN:0.0}"));
        return heap is null ? 1 : 0;
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
