using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChatMock.Server;

/// <summary>
/// The <c>--health-check</c> mode: asks the server running on this machine whether it is up and exits 0 (healthy)
/// or 1 (unhealthy), as a container <c>HEALTHCHECK</c> expects.
/// </summary>
/// <remarks>
/// The .NET runtime images have neither curl nor wget, so the image checks its health with its own binary:
/// <c>dotnet ChatMock.Server.dll --health-check</c>. The port is read from the server's own configuration
/// (appsettings.json, <c>ChatMock__Port</c>, <c>--port</c>), so the check follows a reconfigured port.
/// </remarks>
internal static class HealthCheck
{
    public const string Switch = "--health-check";

    public const int ExitHealthy = 0;

    /// <summary>The exit code for "unhealthy"; a container runtime reserves every other code.</summary>
    public const int ExitUnhealthy = 1;

    /// <summary>How long the check waits for an answer; well under the image's <c>HEALTHCHECK --timeout</c>.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) =>
        args.Any(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks the server at the port of <paramref name="configuration"/>: the server's own configuration.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var setting = ReadPort(configuration);
        if (!int.TryParse(setting, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is not (> 0 and <= 65_535))
        {
            Console.WriteLine($"unhealthy: no fixed port to check (ChatMock:Port is '{setting}'); set --port or ChatMock__Port.");
            return ExitUnhealthy;
        }

        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/__admin/health"));
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"healthy: {url} answered {status}"));
                return ExitHealthy;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unhealthy: {url} answered {status}"));
            return ExitUnhealthy;
        }
        catch (HttpRequestException ex)
        {
            Console.WriteLine($"unhealthy: {url} did not answer: {ex.Message}");
            return ExitUnhealthy;
        }
        catch (TaskCanceledException)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unhealthy: {url} did not answer within {Timeout.TotalSeconds} s"));
            return ExitUnhealthy;
        }
    }

    private static string ReadPort(IConfiguration configuration)
    {
        var value = configuration[$"{ChatMockOptions.SectionName}:{nameof(ChatMockOptions.Port)}"];
        return string.IsNullOrEmpty(value) ? ChatMockDefaults.Port.ToString(CultureInfo.InvariantCulture) : value;
    }
}
