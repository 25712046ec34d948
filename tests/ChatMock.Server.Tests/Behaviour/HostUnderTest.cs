using ChatMock.Engine;
using ChatMock.Testing;

namespace ChatMock.Server.Tests.Behaviour;

/// <summary>A started ChatMock host of either kind, with a client pointed at it.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private readonly ChatMockTestHost? _inMemory;
    private readonly ChatMockServer? _standalone;

    private HostUnderTest(ChatMockTestHost inMemory)
    {
        _inMemory = inMemory;
        Engine = inMemory.Engine;
        Client = inMemory.CreateClient();
        Authorize(Client);
    }

    private HostUnderTest(ChatMockServer standalone)
    {
        _standalone = standalone;
        Engine = standalone.Engine;
        Client = new HttpClient { BaseAddress = standalone.Url };
        Authorize(Client);
    }

    /// <summary>The documentation page's sample credentials, as a client of the WebAPI sends them.</summary>
    private static void Authorize(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dGplMDpUamUw");

    public ChatMockEngine Engine { get; }

    public HttpClient Client { get; }

    /// <summary>Creates a client that sends no credentials unless a request carries its own.</summary>
    public HttpClient CreateAnonymousClient() =>
        _inMemory is not null ? _inMemory.CreateClient() : new HttpClient { BaseAddress = Client.BaseAddress };

    public static async Task<HostUnderTest> StartAsync(HostKind kind, ChatMockOptions options, TimeProvider? timeProvider = null)
    {
        if (kind == HostKind.InMemory)
        {
            return new HostUnderTest(await ChatMockTestHost.StartAsync(options, timeProvider));
        }

        var standalone = options.Clone();
        standalone.Port = 0;
        return new HostUnderTest(ChatMockServer.Start(standalone, timeProvider: timeProvider));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _standalone?.Dispose();
        if (_inMemory is not null)
        {
            await _inMemory.DisposeAsync();
        }
    }
}
