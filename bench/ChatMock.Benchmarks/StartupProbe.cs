using System.Diagnostics;
using ChatMock.Testing;

namespace ChatMock.Benchmarks;

/// <summary>
/// Time to the first answer of the in-memory host in a fresh process: from process start (as the system records
/// it) and from the first line of Main, to the first 200 answered through HttpClient.
/// </summary>
internal static class StartupProbe
{
    public static async Task<int> RunAsync()
    {
        var sinceMain = Stopwatch.StartNew();
        await using var chatMock = await ChatMockTestHost.StartAsync();
        var started = sinceMain.Elapsed;
        using var client = chatMock.CreateClient();
        using var response = await InMemoryHostBenchmarks.Send(client);
        var firstAnswer = sinceMain.Elapsed;
        var sinceProcessStart = TimeProvider.System.GetLocalNow().DateTime - Process.GetCurrentProcess().StartTime;
        if ((int)response.StatusCode != 200)
        {
            await Console.Error.WriteLineAsync($"The first call was answered {(int)response.StatusCode}.");
            return 1;
        }

        Console.WriteLine(FormattableString.Invariant(
            $"inmemory start_ms={started.TotalMilliseconds:0.0} first_answer_ms={firstAnswer.TotalMilliseconds:0.0} process_to_first_answer_ms={sinceProcessStart.TotalMilliseconds:0.0}"));
        return 0;
    }
}
