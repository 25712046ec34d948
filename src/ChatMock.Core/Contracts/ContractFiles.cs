namespace ChatMock.Contracts;

/// <summary>The file names of the contract in <c>contracts/</c>.</summary>
internal static class ContractFiles
{
    public const string Request = "add-chat-message.request.schema.json";

    public const string ChatMessage = "chat-message.schema.json";

    public const string ChatMessageResponse = "chat-message.response.schema.json";

    public const string Error = "error.schema.json";

    /// <summary>The OpenAPI document that declares the served operations.</summary>
    public const string OpenApi = "openapi.json";

    private const string ResourcePrefix = "ChatMock.Contracts.";

    /// <summary>The resource name of the embedded openapi.json: beside, not among, the schemas.</summary>
    public const string OpenApiResource = "ChatMock.Routing." + OpenApi;

    /// <summary>Reads a schema file embedded in this assembly.</summary>
    public static string ReadEmbedded(string fileName) => ReadResource(ResourcePrefix + fileName, fileName);

    /// <summary>Reads a schema file embedded in this assembly; null when none has that name.</summary>
    public static string? TryReadEmbedded(string fileName)
    {
        using var stream = typeof(ContractFiles).Assembly.GetManifestResourceStream(ResourcePrefix + Path.GetFileName(fileName));
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads the openapi.json embedded in this assembly.</summary>
    public static string ReadEmbeddedOpenApi() => ReadResource(OpenApiResource, OpenApi);

    private static string ReadResource(string resourceName, string fileName)
    {
        using var stream = typeof(ContractFiles).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException($"The contract file '{fileName}' is not embedded in ChatMock.Core.", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
