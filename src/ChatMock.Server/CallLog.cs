using System.Threading.Channels;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.Extensions.Logging;

namespace ChatMock.Server;

/// <summary>
/// The standalone server's one log line per call, written off the request path. Logging each call from the
/// request's own thread cost about a third of the server's time under load: every request thread took the
/// console logger's queue lock and woke its writer thread. Here requests only hand their recorded call to a
/// channel; one pump formats the lines a few milliseconds later, in order, in batches.
/// </summary>
internal sealed partial class CallLog : IDisposable
{
    /// <summary>How long the pump lets calls gather before it writes them.</summary>
    private static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Calls waiting to be logged; when full (the console is slower than the traffic), requests wait.</summary>
    private const int Capacity = 8192;

    private readonly ILogger _logger;
    private readonly Channel<RecordedCall> _calls = Channel.CreateBounded<RecordedCall>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Task _pump;

    public CallLog(ILogger logger)
    {
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Queues the line of one call; waits only when the queue is full.</summary>
    public ValueTask WriteAsync(RecordedCall call) =>
        !_logger.IsEnabled(LogLevel.Information) || _calls.Writer.TryWrite(call) ? default : WriteSlowlyAsync(call);

    /// <summary>Writes every queued line, then stops taking new ones (calls after this are not logged).</summary>
    public void Flush()
    {
        _calls.Writer.TryComplete();
        _pump.Wait(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Flush();

    private async ValueTask WriteSlowlyAsync(RecordedCall call)
    {
        try
        {
            await _calls.Writer.WriteAsync(call).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The server is stopping: the call was answered, only its line is lost.
        }
    }

    private async Task PumpAsync()
    {
        var reader = _calls.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!reader.Completion.IsCompleted)
            {
                await Task.Delay(BatchDelay).ConfigureAwait(false);
            }

            while (reader.TryRead(out var call))
            {
                Write(call);
            }
        }
    }

    private void Write(RecordedCall call)
    {
        try
        {
            // Every text from the request is cut and has its control characters escaped: a line stays one short line.
            var session = call.AddChatMessage is { } posted ? $" ChatSessionId={posted.ChatSessionId}" : string.Empty;
            var problems = call.Violations.Count > 0 ? $" violations={call.Violations.Count} first=\"{Echo.Of(call.Violations[0].ToString(), 300)}\"" : string.Empty;
            var method = Echo.Of(call.Request.Method, 20);
            var target = Echo.Of(call.Request.Path + call.Request.QueryString, 300);
            LogCall(_logger, call.Id, method, target, call.Response.StatusCode, call.Duration.TotalMilliseconds, session + problems);
        }
#pragma warning disable CA1031 // A line that cannot be written must not stop the lines after it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "call={CallId} {Method} {Path} -> {StatusCode} in {ElapsedMs:0.###} ms{Details}")]
    private static partial void LogCall(ILogger logger, long callId, string method, string path, int statusCode, double elapsedMs, string details);
}
