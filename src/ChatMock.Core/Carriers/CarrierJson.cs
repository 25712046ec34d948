using System.Text.Json.Serialization;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Carriers;

/// <summary>
/// System.Text.Json's source-generated description of the carriers: their properties in declared order, each with
/// its type, getter and setter. Answers, posted bodies, seed files and the admin API's state all go through it.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ChatSessionEntity))]
[JsonSerializable(typeof(ChatTopicEntity))]
[JsonSerializable(typeof(List<ChatMessage>))]
[JsonSerializable(typeof(List<ChatSessionEntity>))]
[JsonSerializable(typeof(List<ChatTopicEntity>))]
internal sealed partial class CarrierJson : JsonSerializerContext;
