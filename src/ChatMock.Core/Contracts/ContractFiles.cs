namespace ChatMock.Contracts;

/// <summary>The file names of the contract in <c>contracts/</c>.</summary>
internal static class ContractFiles
{
    public const string Request = "add-chat-message.request.schema.json";

    public const string ChatMessage = "chat-message.schema.json";

    public const string ChatMessageResponse = "chat-message.response.schema.json";

    public const string Error = "error.schema.json";

    private const string ResourcePrefix = "ChatMock.Contracts.";

    /// <summary>Reads a schema file embedded in this assembly.</summary>
    public static string ReadEmbedded(string fileName)
    {
        using var stream = typeof(ContractFiles).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new FileNotFoundException($"The contract file '{fileName}' is not embedded in ChatMock.Core.", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
