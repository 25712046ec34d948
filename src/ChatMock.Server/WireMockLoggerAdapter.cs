using Microsoft.Extensions.Logging;
using WireMock.Admin.Requests;
using WireMock.Logging;

namespace ChatMock.Server;

/// <summary>
/// Sends WireMock.Net's own messages to the host's logging, one level down (ChatMock logs the calls itself), and its
/// account of every request it answered to <paramref name="requestAnswered"/>.
/// </summary>
internal sealed class WireMockLoggerAdapter(ILogger logger, Action<LogEntryModel, bool> requestAnswered) : IWireMockLogger
{
    public void Debug(string formatString, params object[] args) => Write(LogLevel.Trace, formatString, args);

    public void Info(string formatString, params object[] args) => Write(LogLevel.Debug, formatString, args);

    public void Warn(string formatString, params object[] args) => Write(LogLevel.Warning, formatString, args);

    // WireMock.Net reports its host's start failure as text. A port in use is told by the program in one line
    // (StartFailure), so its trace goes one level down, to Debug, rather than 40 lines at Error.
    public void Error(string formatString, params object[] args) =>
        Write(args.Any(a => a?.ToString()?.Contains(nameof(Microsoft.AspNetCore.Connections.AddressInUseException), StringComparison.Ordinal) == true)
            || formatString.Contains(nameof(Microsoft.AspNetCore.Connections.AddressInUseException), StringComparison.Ordinal)
            ? LogLevel.Debug
            : LogLevel.Error, formatString, args);

    public void Error(string message, Exception exception)
    {
        if (StartFailure.IsPortInUse(exception))
        {
            // The program says this in one line (StartFailure); the trace is there for those who ask for it.
            Write(LogLevel.Debug, message, []);
            return;
        }

        if (logger.IsEnabled(LogLevel.Error))
        {
#pragma warning disable CA1848, CA2254 // WireMock.Net hands over ready-made messages.
            logger.LogError(exception, "{Message}", message);
#pragma warning restore CA1848, CA2254
        }
    }

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest) => requestAnswered(logEntryModel, isAdminRequest);

    private void Write(LogLevel level, string formatString, object[] args)
    {
        if (logger.IsEnabled(level))
        {
            var message = args.Length == 0 ? formatString : string.Format(System.Globalization.CultureInfo.InvariantCulture, formatString, args);
#pragma warning disable CA1848 // WireMock.Net hands over ready-made messages.
            logger.Log(level, "{Message}", message);
#pragma warning restore CA1848
        }
    }
}
