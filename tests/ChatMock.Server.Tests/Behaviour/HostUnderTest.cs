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

    /// <summary>The path of the user's mapping that <see cref="HostKind.StandaloneThroughWireMock"/> adds.</summary>
    public const string UserMappingPath = "/user-mapping/unrelated";

    /// <summary>What the user's mapping answers.</summary>
    public const string UserMappingBody = "answered by the user's mapping";

    private const string UserMapping = $$"""
        {
          "Guid": "0b5e7a11-0000-4000-8000-0000000000a1",
          "Request": { "Path": "{{UserMappingPath}}", "Methods": ["GET"] },
          "Response": { "StatusCode": 200, "Body": "{{UserMappingBody}}" }
        }
        """;

    /// <summary>Gets the standalone server, or null for the in-memory host.</summary>
    public ChatMockServer? Standalone => _standalone;

    public static async Task<HostUnderTest> StartAsync(HostKind kind, ChatMockOptions options, TimeProvider? timeProvider = null)
    {
        if (kind == HostKind.InMemory)
        {
            return new HostUnderTest(await ChatMockTestHost.StartAsync(options, timeProvider));
        }

        var standalone = options.Clone();
        standalone.Port = 0;
        var host = new HostUnderTest(ChatMockServer.Start(standalone, timeProvider: timeProvider));
        if (kind == HostKind.StandaloneThroughWireMock)
        {
            // Added as a user adds one, through the admin API: DirectAnswers sees a mapping besides the engine's and
            // leaves every request to WireMock.Net's matching.
            using var admin = host.CreateAnonymousClient();
            using var added = await admin.PostAsync(
                "/__admin/mappings", new StringContent(UserMapping, System.Text.Encoding.UTF8, "application/json"));
            if (!added.IsSuccessStatusCode)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"The user's mapping was refused: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
            }
        }

        return host;
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
