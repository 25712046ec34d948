namespace ChatMock.Testing.Remote;

/// <summary>
/// A ChatMock server running elsewhere (the <c>chatmock</c> tool, <c>dotnet run</c> or the Docker image), seen
/// through its admin API: its <see cref="Journal"/> to assert on with <see cref="Received"/>, and
/// <see cref="Reset(bool)"/> between tests.
/// </summary>
/// <example>
/// <code>
/// using var chatMock = new ChatMockRemote(new Uri("http://localhost:8080/"));
/// Assert.That(chatMock.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403)));
/// </code>
/// </example>
public sealed class ChatMockRemote : IDisposable
{
    /// <summary>The header that carries the admin token when <c>Authorization</c> is taken.</summary>
    public const string AdminTokenHeader = "X-ChatMock-Admin-Token";

    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>Connects to the server at <paramref name="baseAddress"/>, with a client of its own.</summary>
    /// <param name="baseAddress">Where the server listens, such as <c>http://localhost:8080/</c>.</param>
    /// <param name="adminToken">The server's <c>AdminToken</c>, when it has one; sent as <c>Authorization: Bearer</c>.</param>
    public ChatMockRemote(Uri baseAddress, string? adminToken = null)
        : this(new HttpClient { BaseAddress = WithSlash(baseAddress) }, adminToken, ownsClient: true)
    {
    }

    /// <summary>Uses <paramref name="client"/>, whose <see cref="HttpClient.BaseAddress"/> is the server's; it is not disposed.</summary>
    /// <param name="client">A client with the server's address as its base address.</param>
    /// <param name="adminToken">
    /// The server's <c>AdminToken</c>, when it has one; sent as <c>Authorization: Bearer</c>, or as
    /// <c>X-ChatMock-Admin-Token</c> when the client's default headers already carry an <c>Authorization</c>.
    /// </param>
    public ChatMockRemote(HttpClient client, string? adminToken = null)
        : this(client, adminToken, ownsClient: false)
    {
    }

    private ChatMockRemote(HttpClient client, string? adminToken, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.BaseAddress is null)
        {
            throw new ArgumentException("Give the client the server's address as its BaseAddress, such as http://localhost:8080/.", nameof(client));
        }

        if (adminToken is { Length: 0 })
        {
            throw new ArgumentException("The admin token is empty; pass null when the server has none.", nameof(adminToken));
        }

        _client = client;
        _ownsClient = ownsClient;
        Journal = new RemoteCallJournal(client, adminToken);
        Chat = new RemoteChatState(client, adminToken);
    }

    /// <summary>Gets where the server listens.</summary>
    public Uri BaseAddress => _client.BaseAddress!;

    /// <summary>Gets the server's journal: pass it to <c>Assert.That</c> with <see cref="Received"/>.</summary>
    public RemoteCallJournal Journal { get; }

    /// <summary>Gets the server's chat state: sessions, messages and topics to read, seed, clear or reset.</summary>
    public RemoteChatState Chat { get; }

    /// <summary>Forgets the calls the server recorded, as <c>ChatMockTestHost.Reset</c> does in memory.</summary>
    /// <param name="resetIds">Also start message ids and generated conversations again.</param>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public void Reset(bool resetIds = false)
    {
        var reset = Journal.ResetAsync(resetIds, async: false, CancellationToken.None);
        System.Diagnostics.Debug.Assert(reset.IsCompleted, "a synchronous reset completes before it returns");
        reset.GetAwaiter().GetResult();
    }

    /// <summary>Forgets the calls the server recorded.</summary>
    /// <param name="resetIds">Also start message ids and generated conversations again.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server has cleared its journal.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task ResetAsync(bool resetIds = false, CancellationToken cancellationToken = default) =>
        await Journal.ResetAsync(resetIds, async: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static Uri WithSlash(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }
}
