using System.ComponentModel.DataAnnotations;

namespace ChatMock;

/// <summary>
/// Settings of a ChatMock instance, whichever host runs it. The standalone server binds them from the
/// <c>ChatMock</c> section of <c>appsettings.json</c>, from <c>ChatMock__Name</c> environment variables and from
/// the command line. Set them before the host starts; a running host shows them as <see cref="IReadOnlyChatMockOptions"/>.
/// </summary>
public sealed class ChatMockOptions : IReadOnlyChatMockOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "ChatMock";

    /// <summary>Gets or sets the seed of the generated data; the same seed and clock give the same answers.</summary>
    /// <value>The default value is <see langword="null"/>: a random seed, chosen at start and reported.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets whether a property the contract does not know makes the request a violation.</summary>
    /// <value>
    /// The default value is <see langword="true"/>. When <see langword="false"/>, unknown properties are accepted
    /// and recorded as warnings.
    /// </value>
    public bool RejectUnknownProperties { get; set; } = ChatMockDefaults.RejectUnknownProperties;

    /// <summary>
    /// Gets or sets a folder holding the contract's schema files, to validate against instead of the ones built in.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the schemas embedded in ChatMock.Core.</value>
    public string? ContractsPath { get; set; }

    /// <summary>Gets or sets how many calls the journal keeps; the oldest is dropped when it is full.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int JournalCapacity { get; set; } = ChatMockDefaults.JournalCapacity;

    /// <summary>Gets or sets the largest request body accepted, in bytes; a larger one is answered with 413.</summary>
    /// <value>The default value is 1,048,576 (1 MiB).</value>
    [Range(1, 64 * 1_048_576)]
    public int MaxRequestBodyBytes { get; set; } = ChatMockDefaults.MaxRequestBodyBytes;

    /// <summary>Gets or sets the id given to the first message; each later message gets the next one.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int FirstChatMessageId { get; set; } = ChatMockDefaults.FirstChatMessageId;

    /// <summary>Gets or sets the TCP port of the standalone server; 0 lets the system choose a free one.</summary>
    /// <value>The default value is 8080. The in-memory host has no port and ignores it.</value>
    [Range(0, 65_535)]
    public int Port { get; set; } = ChatMockDefaults.Port;

    /// <summary>
    /// Gets or sets how many requests WireMock.Net's own log keeps in the standalone server (secrets redacted as in
    /// the journal). ChatMock's journal is the request log; WireMock.Net's slows down as it grows and kept every body
    /// whole, so it is off unless asked for.
    /// </summary>
    /// <value>The default value is 0.</value>
    [Range(0, 100_000)]
    public int WireMockLogCapacity { get; set; } = ChatMockDefaults.WireMockLogCapacity;

    /// <summary>
    /// Gets or sets whether the standalone server's engine answers in front of WireMock.Net's matching while its
    /// catch-all mapping is the only one (it is then the mapping WireMock.Net would choose), which more than doubles
    /// the throughput. With <see langword="false"/>, every request goes through WireMock.Net's matching and its own
    /// log (<c>/__admin/requests</c>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>. The in-memory host ignores it.</value>
    public bool DirectAnswers { get; set; } = ChatMockDefaults.DirectAnswers;

    /// <summary>
    /// Gets or sets how many calls in a second the standalone server logs with a line each; past it, the calls of
    /// that second are counted, and one line at its end says how many had no line (the journal has every call). A
    /// line costs the server about as much CPU as a tenth of a call, and past a few hundred a second nobody reads
    /// them; 0 logs only the counts.
    /// </summary>
    /// <value>The default value is 1,000. The in-memory host logs no calls and ignores it.</value>
    [Range(0, int.MaxValue)]
    public int CallLinesPerSecond { get; set; } = ChatMockDefaults.CallLinesPerSecond;

    /// <summary>
    /// Gets or sets the token that every admin endpoint of the standalone server requires (ChatMock's journal API
    /// and WireMock.Net's <c>/__admin</c>); set it wherever the server is reachable by others.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the admin endpoints are open.</value>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Gets the origins of web pages allowed to call the standalone server's admin endpoints from a browser; a
    /// request to <c>/__admin</c> that a browser sends from any other origin is refused (403), so that a page the
    /// developer happens to open cannot change the server's state. The server's own origin is always allowed.
    /// </summary>
    /// <value>The default value is empty.</value>
    public List<string> AdminOrigins { get; init; } = [];

    /// <summary>
    /// Gets or sets whether mappings may answer with the content of a file (<c>BodyAsFile</c>) or save themselves as
    /// files. Even then, only files inside <see cref="MappingsPath"/> can be read or written.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: a mapping that names a file is refused.</value>
    public bool AllowMappingFiles { get; set; } = ChatMockDefaults.AllowMappingFiles;

    /// <summary>
    /// Gets or sets whether mappings may make the server send requests elsewhere: proxy mappings (<c>ProxyUrl</c>),
    /// webhooks and WireMock.Net's proxy-and-record setting.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: such a mapping or setting is refused.</value>
    public bool AllowMappingProxies { get; set; } = ChatMockDefaults.AllowMappingProxies;

    /// <summary>
    /// Gets or sets how many bytes the journal keeps at most, besides <see cref="JournalCapacity"/> calls: past
    /// it, the oldest calls go. Every kept call is also cut to size (bodies to 64 KiB, texts to 8 KiB, at most 100
    /// violations), with its full sizes recorded.
    /// </summary>
    /// <value>The default value is 134217728 (128 MiB).</value>
    [Range(1_048_576, 1_073_741_824)]
    public long JournalMaxBytes { get; set; } = ChatMockDefaults.JournalMaxBytes;

    /// <summary>
    /// Gets or sets a folder of WireMock mapping files that the standalone server loads (and watches) at start; they
    /// take precedence over ChatMock's own answers.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no mapping files.</value>
    public string? MappingsPath { get; set; }

    /// <summary>Gets or sets how the credentials of a call are checked.</summary>
    /// <value>The default value is <see cref="ChatMockAuthentication.AnyCredentials"/>: any well-formed credentials.</value>
    public ChatMockAuthentication Authentication { get; set; } = ChatMockDefaults.Authentication;

    /// <summary>
    /// Gets the Basic users and their passwords accepted when <see cref="Authentication"/> is
    /// <see cref="ChatMockAuthentication.Configured"/>.
    /// </summary>
    /// <value>The default value is empty.</value>
    public Dictionary<string, string> Users { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the <c>SoTicket</c> values accepted when <see cref="Authentication"/> is <see cref="ChatMockAuthentication.Configured"/>.</summary>
    /// <value>The default value is empty.</value>
    public List<string> Tickets { get; init; } = [];

    /// <summary>Gets the <c>Bearer</c> tokens accepted when <see cref="Authentication"/> is <see cref="ChatMockAuthentication.Configured"/>.</summary>
    /// <value>The default value is empty.</value>
    public List<string> BearerTokens { get; init; } = [];

    /// <summary>
    /// Gets or sets whether a call authenticated by <c>X-XSRF-TOKEN</c> must also carry an <c>XSRF-TOKEN</c> cookie of
    /// the same value, as a browser session does.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: any non-empty <c>X-XSRF-TOKEN</c> is accepted.</value>
    public bool RequireXsrfCookie { get; set; }

    /// <summary>
    /// Gets the origins browsers may call from (CORS). <c>*</c> allows any origin; the origin of the call is then
    /// echoed, with credentials allowed, so that cookie and Authorization flows work from a local front end.
    /// </summary>
    /// <value>The default value is <c>["*"]</c>.</value>
    public List<string> CorsOrigins { get; init; } = ["*"];

    /// <summary>Gets or sets the shortest delay added before each answer, in milliseconds.</summary>
    /// <value>The default value is 0.</value>
    [Range(0, 600_000)]
    public int MinDelayMilliseconds { get; set; }

    /// <summary>
    /// Gets or sets the longest delay added before each answer, in milliseconds; each answer waits a random time
    /// between <see cref="MinDelayMilliseconds"/> and this. Smaller than the minimum means the minimum.
    /// </summary>
    /// <value>The default value is 0.</value>
    [Range(0, 600_000)]
    public int MaxDelayMilliseconds { get; set; }

    /// <summary>
    /// Gets or sets what a message to a session ChatMock has not seen does: <see cref="UnknownSessionPolicy.Create"/>
    /// makes the session on the spot (so the documentation's sample works at once), <see cref="UnknownSessionPolicy.Reject"/>
    /// answers 404 <c>SoNotFoundException</c>.
    /// </summary>
    /// <value>The default value is <see cref="UnknownSessionPolicy.Create"/>.</value>
    public UnknownSessionPolicy UnknownSessions { get; set; } = ChatMockDefaults.UnknownSessions;

    /// <summary>Gets or sets the most chat sessions kept; at the limit, a new session removes the least recently active one.</summary>
    /// <value>The default value is 10000.</value>
    [Range(1, 1_000_000)]
    public int MaxSessions { get; set; } = ChatMockDefaults.MaxSessions;

    /// <summary>Gets or sets the most messages one session keeps; at the limit, a new message is refused with 507 and nothing is lost.</summary>
    /// <value>The default value is 10000.</value>
    [Range(1, 1_000_000)]
    public int MaxMessagesPerSession { get; set; } = ChatMockDefaults.MaxMessagesPerSession;

    /// <summary>Gets or sets the most messages kept in all sessions; above it, the least recently active sessions are removed whole.</summary>
    /// <value>The default value is 100000 (some 40 MB at about 380 bytes a message).</value>
    [Range(1, 10_000_000)]
    public int MaxMessages { get; set; } = ChatMockDefaults.MaxMessages;

    /// <summary>
    /// Gets or sets how many bytes the chat store's messages take at most, as kept (about their text in UTF-8 and 60
    /// bytes more each): above it, the least recently active sessions are removed whole, and a message that would take
    /// one session past it alone is refused (507) and nothing is lost.
    /// </summary>
    /// <value>The default value is 134217728 (128 MiB).</value>
    [Range(1_048_576, 1_073_741_824)]
    public long MaxChatBytes { get; set; } = ChatMockDefaults.MaxChatBytes;

    /// <summary>Gets or sets a JSON file of chat topics (an array of ChatTopicEntity) that replaces the default topics.</summary>
    /// <value>The default value is null: the generated default topics.</value>
    public string? TopicsPath { get; set; }

    /// <summary>Gets or sets how many sessions with realistic conversations to generate at start (deterministic with <see cref="Seed"/>).</summary>
    /// <value>The default value is 0.</value>
    [Range(0, 1_000)]
    public int SampleSessions { get; set; }

    /// <summary>Checks every setting and throws one exception that names every problem.</summary>
    /// <exception cref="ChatMockOptionsException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        if (MaxMessagesPerSession > MaxMessages)
        {
            results.Add(new ValidationResult($"MaxMessagesPerSession ({MaxMessagesPerSession}) must not be above MaxMessages ({MaxMessages}): one session could hold more than the store keeps."));
        }

        if (results.Count == 0)
        {
            return;
        }

        throw new ChatMockOptionsException(results.Select(r => r.ErrorMessage ?? "A setting is invalid.").ToList());
    }

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>A new <see cref="ChatMockOptions"/> with the same values.</returns>
    public ChatMockOptions Clone() => new()
    {
        Seed = Seed,
        RejectUnknownProperties = RejectUnknownProperties,
        ContractsPath = ContractsPath,
        JournalCapacity = JournalCapacity,
        MaxRequestBodyBytes = MaxRequestBodyBytes,
        FirstChatMessageId = FirstChatMessageId,
        Port = Port,
        WireMockLogCapacity = WireMockLogCapacity,
        DirectAnswers = DirectAnswers,
        CallLinesPerSecond = CallLinesPerSecond,
        AdminToken = AdminToken,
        MappingsPath = MappingsPath,
        Authentication = Authentication,
        Users = new Dictionary<string, string>(Users, StringComparer.Ordinal),
        Tickets = [.. Tickets],
        BearerTokens = [.. BearerTokens],
        RequireXsrfCookie = RequireXsrfCookie,
        CorsOrigins = [.. CorsOrigins],
        AdminOrigins = [.. AdminOrigins],
        AllowMappingFiles = AllowMappingFiles,
        AllowMappingProxies = AllowMappingProxies,
        JournalMaxBytes = JournalMaxBytes,
        MinDelayMilliseconds = MinDelayMilliseconds,
        MaxDelayMilliseconds = MaxDelayMilliseconds,
        UnknownSessions = UnknownSessions,
        MaxSessions = MaxSessions,
        MaxMessagesPerSession = MaxMessagesPerSession,
        MaxMessages = MaxMessages,
        MaxChatBytes = MaxChatBytes,
        TopicsPath = TopicsPath,
        SampleSessions = SampleSessions,
    };

    /// <inheritdoc />
    IReadOnlyList<string> IReadOnlyChatMockOptions.AdminOrigins => AdminOrigins;

    /// <inheritdoc />
    IReadOnlyDictionary<string, string> IReadOnlyChatMockOptions.Users => Users;

    /// <inheritdoc />
    IReadOnlyList<string> IReadOnlyChatMockOptions.Tickets => Tickets;

    /// <inheritdoc />
    IReadOnlyList<string> IReadOnlyChatMockOptions.BearerTokens => BearerTokens;

    /// <inheritdoc />
    IReadOnlyList<string> IReadOnlyChatMockOptions.CorsOrigins => CorsOrigins;
}

/// <summary>What a message to a chat session ChatMock has not seen does.</summary>
public enum UnknownSessionPolicy
{
    /// <summary>The session is made on the spot, on the first topic.</summary>
    Create,

    /// <summary>The message is refused: 404 <c>SoNotFoundException</c>.</summary>
    Reject,
}
