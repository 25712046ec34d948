using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatMock.Server;

/// <summary>The standalone server's entry point: configuration, then the WireMock.Net server until Ctrl+C or SIGTERM.</summary>
internal static class ChatMockServerProgram
{
    public const int ExitInvalidConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(ChatMockCommandLine.Help);
            return 0;
        }

        if (args.Any(a => string.Equals(a, ChatMockCommandLine.VersionSwitch, StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine(ChatMockCommandLine.Version());
            return 0;
        }

        if (ChatMockCommandLine.FindUnknownSwitch(args) is { } unknown)
        {
            await Console.Error.WriteLineAsync(unknown).ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }

        // One configuration for the server and its health check: appsettings.json, the environment, the command line.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        var settings = args.Where(a => !string.Equals(a, HealthCheck.Switch, StringComparison.OrdinalIgnoreCase)).ToArray();
        builder.Configuration.AddCommandLine(settings, ChatMockCommandLine.SwitchMappings);
        if (HealthCheck.IsRequested(args))
        {
            return await HealthCheck.RunAsync(builder.Configuration).ConfigureAwait(false);
        }

        ChatMockOptions options;
        try
        {
            options = ChatMockOptionsBinder.Bind(builder.Configuration.GetSection(ChatMockOptions.SectionName));
        }
        catch (ChatMockOptionsException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        var failure = new StartFailure();
        builder.Services.AddSingleton(failure);
        builder.Services.AddHostedService<ChatMockServerService>();

        using var host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return failure.ExitCode;
    }
}
