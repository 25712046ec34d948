using NJsonSchema;
using NJsonSchema.References;

namespace ChatMock.Contracts;

/// <summary>
/// The JSON Schemas of the AddChatMessage contract, read from the files in <c>contracts/</c>: embedded in the
/// assembly, or from a folder that replaces them.
/// </summary>
internal sealed class ContractSchemas
{
    private static readonly Lazy<ContractSchemas> EmbeddedSchemas = new(() => Load(ContractFiles.TryReadEmbedded));

    private readonly Func<string, string?> _readFile;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema?> _others = new(StringComparer.Ordinal);

    private ContractSchemas(Func<string, string?> readFile, JsonSchema request, JsonSchema chatMessage, JsonSchema chatMessageResponse, JsonSchema error)
    {
        _readFile = readFile;
        Request = request;
        ChatMessage = chatMessage;
        ChatMessageResponse = chatMessageResponse;
        Error = error;
    }

    /// <summary>Gets the schemas embedded in ChatMock.Core.</summary>
    public static ContractSchemas Embedded => EmbeddedSchemas.Value;

    /// <summary>
    /// Returns whether <paramref name="schema"/> is one of the embedded schemas (not one read from
    /// <c>ContractsPath</c>): the one place that decides where <see cref="SchemaFastPath"/> may answer.
    /// </summary>
    public static bool IsEmbedded(JsonSchema schema) =>
        EmbeddedSchemas.IsValueCreated && EmbeddedSchemas.Value is var embedded
        && (ReferenceEquals(schema, embedded.Request) || ReferenceEquals(schema, embedded.ChatMessage)
            || ReferenceEquals(schema, embedded.ChatMessageResponse) || ReferenceEquals(schema, embedded.Error));

    /// <summary>Gets the schema of the AddChatMessage request body.</summary>
    public JsonSchema Request { get; }

    /// <summary>Gets the schema of a ChatMessage as it may be posted.</summary>
    public JsonSchema ChatMessage { get; }

    /// <summary>Gets the schema of the ChatMessage that AddChatMessage answers.</summary>
    public JsonSchema ChatMessageResponse { get; }

    /// <summary>Gets the schema of the error envelope.</summary>
    public JsonSchema Error { get; }

    /// <summary>
    /// Gets a schema by its file name in <c>contracts/</c> (read once, when first asked for), or null when the
    /// contract has no such file.
    /// </summary>
    public JsonSchema? ByFileName(string fileName) => fileName switch
    {
        ContractFiles.Request => Request,
        ContractFiles.ChatMessage => ChatMessage,
        ContractFiles.ChatMessageResponse => ChatMessageResponse,
        ContractFiles.Error => Error,
        _ => _others.GetOrAdd(fileName, name => _readFile(name) is null ? null
            : Task.Run(() => LoadSchemaAsync(name, Required(_readFile))).GetAwaiter().GetResult()),
    };

    /// <summary>
    /// Reads the schemas from a folder that holds files of <c>contracts/</c>: each file the folder has replaces the
    /// embedded one of that name; the others (such as the schemas of operations added since the folder was copied)
    /// stay the embedded ones.
    /// </summary>
    public static ContractSchemas FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return Load(fileName =>
        {
            var path = Path.Combine(folder, Path.GetFileName(fileName));
            return File.Exists(path) ? File.ReadAllText(path) : ContractFiles.TryReadEmbedded(fileName);
        });
    }

    private static Func<string, string> Required(Func<string, string?> readFile) =>
        fileName => readFile(fileName) ?? throw new FileNotFoundException($"The contract has no file '{fileName}'.", fileName);

    private static ContractSchemas Load(Func<string, string?> tryReadFile)
    {
        var readFile = Required(tryReadFile);

        // NJsonSchema loads asynchronously; this runs once, at start, off any synchronization context.
        return Task.Run(async () => new ContractSchemas(
            tryReadFile,
            await LoadSchemaAsync(ContractFiles.Request, readFile).ConfigureAwait(false),
            await LoadSchemaAsync(ContractFiles.ChatMessage, readFile).ConfigureAwait(false),
            await LoadSchemaAsync(ContractFiles.ChatMessageResponse, readFile).ConfigureAwait(false),
            await LoadSchemaAsync(ContractFiles.Error, readFile).ConfigureAwait(false))).GetAwaiter().GetResult();
    }

    private static Task<JsonSchema> LoadSchemaAsync(string fileName, Func<string, string> readFile)
    {
        // A virtual document path: relative $refs between the files resolve to names in the same "folder",
        // and the resolver below reads them through readFile, never from the disk behind the path.
        var documentPath = Path.Combine(Path.GetTempPath(), "chatmock-contracts", fileName);
        return JsonSchema.FromJsonAsync(
            readFile(fileName),
            documentPath,
            schema => new ContractReferenceResolver(schema, readFile));
    }

    private sealed class ContractReferenceResolver(JsonSchema rootSchema, Func<string, string> readFile)
        : JsonReferenceResolver(new JsonSchemaAppender(rootSchema, new DefaultTypeNameGenerator()))
    {
        public override async Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default)
        {
            var fileName = Path.GetFileName(filePath);
            return await JsonSchema.FromJsonAsync(
                readFile(fileName),
                filePath,
                schema => new ContractReferenceResolver(schema, readFile),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
