using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace ChatMock.Server;

/// <summary>
/// The start failures a user can fix, told as one line instead of a stack trace, and the exit code the program ends
/// with (2, as for invalid settings).
/// </summary>
internal sealed class StartFailure
{
    /// <summary>Gets the exit code the program should end with: 0 unless the server could not start.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Records that the server could not start.</summary>
    public void Fail(int exitCode) => ExitCode = exitCode;

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, says the port is already taken.</summary>
    public static bool IsPortInUse(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsPortInUse))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one line for a port that is taken: which port, and what to do.</summary>
    public static string PortInUseMessage(int port) => string.Create(
        CultureInfo.InvariantCulture,
        $"ChatMock cannot start: port {port} is already in use. Stop what is using it, or start ChatMock on another port: --port 0 picks a free one (or --port 9000, ChatMock__Port=9000).");
}
