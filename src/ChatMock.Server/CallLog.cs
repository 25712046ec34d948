using System.Threading.Channels;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.Extensions.Logging;

namespace ChatMock.Server;

/// <summary>
/// The standalone server's one log line per call, written off the request path, at most
/// <see cref="IReadOnlyChatMockOptions.CallLinesPerSecond"/> a second: the calls past that in a second are counted,
/// and one line at the end of the second says how many there were (the journal keeps every call).
/// </summary>
/// <remarks>
/// Logging each call from the request's own thread cost about a third of the server's time under load: every request
/// thread took the console logger's queue lock and woke its writer thread. Here requests only hand their recorded
/// call to a channel; one pump formats the lines a few milliseconds later, in order, in batches. The channel holds
/// only what a line shows, by value: a recorded call held there for those milliseconds would outlive the collector's
/// youngest generation, and the collector would copy it, its request and its answer (bench: <c>frontdoor --log</c>).
/// Even so, a line costs about 3 µs of CPU on its way to the console (formatting, and a write to the console for
/// each), a tenth of a call under load; nobody reads thousands of lines a second, so past the limit a
/// call costs two counter increments.
/// </remarks>
internal sealed partial class CallLog : IDisposable
{
    /// <summary>How long the pump lets calls gather before it writes them.</summary>
    private static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>The period over which lines are counted against the limit.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>Calls waiting to be logged; when full (the console is slower than the traffic), requests wait.</summary>
    private const int Capacity = 8192;

    private readonly ILogger _logger;
    private readonly int _linesPerSecond;
    private readonly Channel<CallLine> _calls = Channel.CreateBounded<CallLine>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ITimer _window;
    private readonly Task _pump;
    private int _linesThisSecond;
    private long _notLogged;

    /// <summary>Initializes a new instance of the <see cref="CallLog"/> class.</summary>
    /// <param name="logger">Where the lines go.</param>
    /// <param name="linesPerSecond">The most calls logged with a line of their own in a second.</param>
    /// <param name="timeProvider">The clock that ends each second.</param>
    public CallLog(ILogger logger, int linesPerSecond, TimeProvider timeProvider)
    {
        _logger = logger;
        _linesPerSecond = linesPerSecond;
        _window = timeProvider.CreateTimer(_ => EndSecond(), null, Window, Window);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Queues the line of one call, or counts it past the limit; waits only when the queue is full.</summary>
    public ValueTask WriteAsync(RecordedCall call)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return default;
        }

        if (Interlocked.Increment(ref _linesThisSecond) > _linesPerSecond)
        {
            Interlocked.Increment(ref _notLogged);
            return default;
        }

        var line = new CallLine(
            call.Id,
            call.Request.Method,
            call.Request.Path,
            call.Request.QueryString,
            call.Response.StatusCode,
            call.Duration,
            call.AddChatMessage is { } posted ? posted.ChatSessionId : null,
            call.Violations.Count,
            call.Violations.Count > 0 ? call.Violations[0] : null);
        return _calls.Writer.TryWrite(line) ? default : WriteSlowlyAsync(line);
    }

    /// <summary>Writes every queued line and the count of the calls not logged, then stops taking new ones (calls after this are not logged).</summary>
    public void Flush()
    {
        _window.Dispose();
        EndSecond();
        _calls.Writer.TryComplete();
        _pump.Wait(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Flush();

    /// <summary>Starts a new second: its lines counted from none, and the line of the calls the last one did not log queued.</summary>
    private void EndSecond()
    {
        Interlocked.Exchange(ref _linesThisSecond, 0);
        var notLogged = Interlocked.Exchange(ref _notLogged, 0);
        if (notLogged > 0 && !_calls.Writer.TryWrite(CallLine.NotLoggedCalls(notLogged)))
        {
            // The queue is full: counted with the next second's.
            Interlocked.Add(ref _notLogged, notLogged);
        }
    }

    private async ValueTask WriteSlowlyAsync(CallLine line)
    {
        try
        {
            await _calls.Writer.WriteAsync(line).ConfigureAwait(false);
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

    private void Write(CallLine call)
    {
        try
        {
            if (call.NotLogged > 0)
            {
                LogNotLogged(_logger, call.NotLogged, _linesPerSecond);
                return;
            }

            // Every text from the request is cut and has its control characters escaped: a line stays one short line.
            var session = call.ChatSessionId is { } id ? $" ChatSessionId={id}" : string.Empty;
            var problems = call.FirstViolation is { } first ? $" violations={call.ViolationCount} first=\"{Echo.Of(first.ToString(), 300)}\"" : string.Empty;
            var method = Echo.Of(call.Method, 20);
            var target = Echo.Of(call.QueryString.Length == 0 ? call.Path : call.Path + call.QueryString, 300);
            LogCall(_logger, call.Id, method, target, call.StatusCode, call.Duration.TotalMilliseconds, session + problems);
        }
#pragma warning disable CA1031 // A line that cannot be written must not stop the lines after it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "call={CallId} {Method} {Path} -> {StatusCode} in {ElapsedMs:0.###} ms{Details}")]
    private static partial void LogCall(ILogger logger, long callId, string method, string path, int statusCode, double elapsedMs, string details);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{NotLogged} more calls in the last second, past CallLinesPerSecond ({Limit}), have no line of their own; the journal has them (/__admin/chatmock/calls)")]
    private static partial void LogNotLogged(ILogger logger, long notLogged, int limit);

    /// <summary>What the line of one call shows, taken from the recorded call when it is queued; or, with <see cref="NotLogged"/> above 0, the count of the calls of a second that had no line.</summary>
    private readonly record struct CallLine(
        long Id,
        string Method,
        string Path,
        string QueryString,
        int StatusCode,
        TimeSpan Duration,
        int? ChatSessionId,
        int ViolationCount,
        ContractViolation? FirstViolation,
        long NotLogged = 0)
    {
        public static CallLine NotLoggedCalls(long count) =>
            new(0, string.Empty, string.Empty, string.Empty, 0, TimeSpan.Zero, null, 0, null, count);
    }
}
