using System.ComponentModel.DataAnnotations;

namespace ChatMock;

/// <summary>
/// Settings of a ChatMock instance, whichever host runs it. The standalone server binds them from the
/// <c>ChatMock</c> section of <c>appsettings.json</c>, from <c>ChatMock__Name</c> environment variables and from
/// the command line.
/// </summary>
public sealed class ChatMockOptions
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
    /// Gets or sets how many requests WireMock.Net's own log keeps (<c>/__admin/requests</c>) in the standalone
    /// server. ChatMock's journal is the full record; WireMock.Net's log slows down as it grows.
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(0, 100_000)]
    public int WireMockLogCapacity { get; set; } = ChatMockDefaults.WireMockLogCapacity;

    /// <summary>
    /// Gets or sets the token that every admin endpoint of the standalone server requires (ChatMock's journal API
    /// and WireMock.Net's <c>/__admin</c>); set it wherever the server is reachable by others.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the admin endpoints are open.</value>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Gets or sets a folder of WireMock mapping files that the standalone server loads (and watches) at start; they
    /// take precedence over ChatMock's own answers.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no mapping files.</value>
    public string? MappingsPath { get; set; }

    /// <summary>Checks every setting and throws one exception that names every problem.</summary>
    /// <exception cref="ChatMockOptionsException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            return;
        }

        throw new ChatMockOptionsException(results.Select(r => r.ErrorMessage ?? "A setting is invalid.").ToList());
    }

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>A new <see cref="ChatMockOptions"/> with the same values.</returns>
    public ChatMockOptions Clone() => (ChatMockOptions)MemberwiseClone();
}
