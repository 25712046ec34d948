using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatMock.Server;

/// <summary>Runs a <see cref="ChatMockServer"/> for the lifetime of the generic host (Ctrl+C and SIGTERM stop it).</summary>
internal sealed partial class ChatMockServerService(
    ChatMockOptions options,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    StartFailure failure,
    IHostApplicationLifetime lifetime)
    : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ChatMockServerService>();
    private ChatMockServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _server = ChatMockServer.Start(options, loggerFactory, timeProvider);
        }
        catch (Exception ex) when (StartFailure.IsPortInUse(ex))
        {
            // Something the user can fix: one line and exit code 2, not a stack trace and an abort.
            Console.Error.WriteLine(StartFailure.PortInUseMessage(options.Port));
            failure.Fail(ChatMockServerProgram.ExitInvalidConfiguration);
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        // The one line people and scripts look for: where to send requests (with the port chosen when it was 0).
        Console.WriteLine($"ChatMock listening on {_server.Url} (seed {_server.Engine.Seed}; admin API at {_server.Url}__admin)");
        Console.WriteLine($"Live page: {_server.Url}{Page.LivePagePaths.Page.TrimStart('/')}/");
        LogStarted(_logger, _server.Url, _server.Engine.Seed, _server.Journal.Capacity);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return Task.CompletedTask; // it never started (StartFailure said why)
        }

        _server.Stop();
        LogStopped(_logger, _server.Journal.TotalRecorded);
        return Task.CompletedTask;
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "ChatMock started on {Url} with seed {Seed} and a journal of {Capacity} calls")]
    private static partial void LogStarted(ILogger logger, Uri url, int seed, int capacity);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "ChatMock stopped after {Calls} calls")]
    private static partial void LogStopped(ILogger logger, long calls);
}
