using Microsoft.Extensions.Logging;

namespace ChatMock.Server.Admin;

/// <summary>
/// Watches <see cref="ChatMockOptions.MappingsPath"/> and reloads a mapping file once it has been quiet for a moment.
/// </summary>
/// <remarks>
/// WireMock.Net's own watcher reads a file on its first event and ignores the events of the next second, so a file
/// copied in is often read while still empty and never again. Waiting for the writes to settle fixes that; removing a
/// file's mappings before reading it again also means an edited mapping without a Guid replaces the old one instead
/// of being added beside it.
/// </remarks>
internal sealed partial class MappingsFolderWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly MappingFiles _files;
    private readonly DirectAnswers _directAnswers;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ITimer> _pending = new(StringComparer.Ordinal);
    private bool _disposed;

    public MappingsFolderWatcher(string folder, MappingFiles files, DirectAnswers directAnswers, ILogger logger)
    {
        _files = files;
        _directAnswers = directAnswers;
        _logger = logger;
        _watcher = new FileSystemWatcher(folder, "*.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Created += OnChanged;
        _watcher.Changed += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnRenamed;
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _watcher.Dispose();
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Schedule(e.FullPath);

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        Schedule(e.OldFullPath);
        Schedule(e.FullPath);
    }

    private void Schedule(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!_pending.TryGetValue(path, out var timer))
            {
                // File events are about the disk, not the mocked clock: the system clock times them.
                timer = TimeProvider.System.CreateTimer(_ => Reload(path), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _pending[path] = timer;
            }

            timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload(string path)
    {
        lock (_gate)
        {
            if (_disposed || !_pending.Remove(path, out var timer))
            {
                return;
            }

            timer.Dispose();
            _directAnswers.BeginChange();
            try
            {
                _files.Reload(path);
            }
#pragma warning disable CA1031 // A bad mapping file must not stop the watching; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogUnreadable(_logger, path, ex);
            }
            finally
            {
                _directAnswers.EndChange();
            }
        }
    }

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Could not read the mapping file {Path}")]
    private static partial void LogUnreadable(ILogger logger, string path, Exception? exception);
}
