using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatMock.Testing;

/// <summary>
/// ChatMock hosted in memory on ASP.NET Core's TestServer: no port, no network. Start one per fixture and call
/// <see cref="Reset"/> in each test's set-up (or start one per test), and point the code under test at
/// <see cref="CreateClient"/> or <see cref="CreateHandler"/>.
/// </summary>
/// <example>
/// <code>
/// await using var chatMock = await ChatMockTestHost.StartAsync(options => options.Seed = 42);
/// using var client = chatMock.CreateClient();
/// </code>
/// </example>
public sealed class ChatMockTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TestServer _server;

    private ChatMockTestHost(IHost host, ChatMockEngine engine)
    {
        _host = host;
        _server = host.GetTestServer();
        Engine = engine;
    }

    /// <summary>Gets the address requests are sent to; any path below it reaches ChatMock.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the record of every call answered.</summary>
    public ICallJournal Journal => Engine.Journal;

    /// <summary>
    /// Gets the settings the host runs with, to read. They are fixed when the host starts: pass them to
    /// <see cref="StartAsync(ChatMockOptions?, TimeProvider?, CancellationToken)"/>.
    /// </summary>
    public IReadOnlyChatMockOptions Options => Engine.Options;

    /// <summary>Gets the seed of the generated data: the configured one, or the one chosen at random at start.</summary>
    public int Seed => Engine.Seed;

    /// <summary>Gets the engine behind the host.</summary>
    internal ChatMockEngine Engine { get; }

    /// <summary>
    /// Gets the chat state (topics, sessions and their messages) to read, or to seed before a test with
    /// <see cref="ChatStoreExtensions.SeedSession"/>; <see cref="IChatStore.Clear"/> forgets it and keeps the journal.
    /// </summary>
    public IChatStore Chat => Engine.Chat;

    /// <summary>Starts a host with default settings, or the given ones.</summary>
    /// <param name="options">The settings; validated at start.</param>
    /// <param name="timeProvider">The clock; the system clock when null. Pass a <c>FakeTimeProvider</c> for fixed times.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started host.</returns>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public static async Task<ChatMockTestHost> StartAsync(
        ChatMockOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var engine = new ChatMockEngine(options, timeProvider, writeJournalLater: true);
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHost(web => web
                .UseTestServer()
                .Configure(app => app.UseChatMock(engine)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ChatMockTestHost(host, engine);
    }

    /// <summary>Starts a host with settings changed from the defaults by <paramref name="configure"/>.</summary>
    /// <param name="configure">Changes the default settings.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public static Task<ChatMockTestHost> StartAsync(
        Action<ChatMockOptions> configure,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ChatMockOptions();
        configure(options);
        return StartAsync(options, timeProvider, cancellationToken);
    }

    /// <summary>Creates a client whose requests go to ChatMock in memory.</summary>
    /// <returns>A client with <see cref="HttpClient.BaseAddress"/> set to <see cref="BaseAddress"/>.</returns>
    public HttpClient CreateClient() => _server.CreateClient();

    /// <summary>Creates a handler whose requests go to ChatMock in memory, for clients the code under test builds.</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => _server.CreateHandler();

    /// <summary>
    /// Forgets every recorded call; with <paramref name="resetIds"/>, also starts message ids and the generated
    /// conversation of every session again. The one way to reset between tests (call it in <c>[SetUp]</c>);
    /// <c>ChatMockServer</c> and <c>ChatMockRemote</c> have the same method.
    /// </summary>
    /// <param name="resetIds">Whether to reset the message id counter and the per-session generators.</param>
    public void Reset(bool resetIds = false) => Engine.Reset(resetIds);

    /// <summary>Opens a scope for one test: when it is disposed, the host is <see cref="Reset"/>.</summary>
    /// <param name="resetIds">Whether disposing the scope also resets ids and generated data.</param>
    /// <returns>The scope.</returns>
    [Obsolete("Call Reset(resetIds) in the test's set-up instead; BeginScope only calls it when disposed.")]
    public IDisposable BeginScope(bool resetIds = false) => new ResetOnDispose(this, resetIds);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _server.Dispose();
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }

    private sealed class ResetOnDispose(ChatMockTestHost host, bool resetIds) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                host.Reset(resetIds);
            }
        }
    }
}
