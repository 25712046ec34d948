using System.Globalization;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Contracts;
using ChatMock.Messages;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChatMock.Server.Admin;

/// <summary>The schemas the chat-state seeds are checked against and the empty carriers they are read over: the engine's contract.</summary>
/// <param name="Session">The ChatSessionEntity schema's validator.</param>
/// <param name="Message">The ChatMessage schema's validator.</param>
/// <param name="Topic">The ChatTopicEntity schema's validator.</param>
/// <param name="EmptySession">The ChatSessionEntity of the schema's defaults.</param>
/// <param name="EmptyMessage">The ChatMessage of the schema's defaults.</param>
/// <param name="EmptyTopic">The ChatTopicEntity of the schema's defaults.</param>
internal sealed record ChatStateContract(
    ContractValidator Session,
    ContractValidator Message,
    ContractValidator Topic,
    ChatSessionEntity EmptySession,
    ChatMessage EmptyMessage,
    ChatTopicEntity EmptyTopic)
{
    /// <summary>The file name of the ChatSessionEntity schema.</summary>
    public const string SessionSchemaFile = "chat-session-entity.schema.json";

    /// <summary>The file name of the ChatTopicEntity schema.</summary>
    public const string TopicSchemaFile = "chat-topic-entity.schema.json";

    /// <summary>The contract of <c>ContractsPath</c>, or the embedded one; a schema the folder lacks is the embedded one.</summary>
    public static ChatStateContract Of(string? contractsPath)
    {
        var schemas = string.IsNullOrEmpty(contractsPath) ? ContractSchemas.Embedded : ContractSchemas.FromFolder(contractsPath);
        var session = schemas.ByFileName(SessionSchemaFile) ?? ContractSchemas.Embedded.ByFileName(SessionSchemaFile)!;
        var topic = schemas.ByFileName(TopicSchemaFile) ?? ContractSchemas.Embedded.ByFileName(TopicSchemaFile)!;
        return new ChatStateContract(
            new ContractValidator(session, rejectUnknownProperties: true),
            new ContractValidator(schemas.ChatMessage, rejectUnknownProperties: true),
            new ContractValidator(topic, rejectUnknownProperties: true),
            CarrierReader.Empty<ChatSessionEntity>(Carrier.ChatSession, session),
            CarrierReader.Empty<ChatMessage>(Carrier.ChatMessage, schemas.ChatMessage),
            CarrierReader.Empty<ChatTopicEntity>(Carrier.ChatTopic, topic));
    }

    /// <summary>A copy of a part of the body as a document of its own, so that the validator's pointers start at it.</summary>
    public static JObject Detached(JObject part) => (JObject)part.DeepClone();

    /// <summary>Checks <paramref name="item"/> against its schema; answers 400 with the first violation when it breaks it.</summary>
    /// <returns>Whether it broke the schema (and the 400 was answered).</returns>
    public static async Task<bool> ViolationAsync(HttpContext context, ContractValidator validator, JObject item, string pointer, string schemaFile)
    {
        var result = validator.Validate(item);
        if (result.IsValid)
        {
            return false;
        }

        var first = result.Violations[0];
        var more = result.TotalViolations > 1
            ? string.Create(CultureInfo.InvariantCulture, $" ({result.TotalViolations - 1} more violation{(result.TotalViolations == 2 ? string.Empty : "s")} after it)")
            : string.Empty;
        await AdminHttp.BadRequestAsync(context, $"{pointer}{first.Path}: {first.Message}{more} See contracts/{schemaFile}.", pointer + first.Path).ConfigureAwait(false);
        return true;
    }
}
