using System.Text.Encodings.Web;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Messages;

/// <summary>Reads posted ChatMessages from validated JSON and writes answered ones.</summary>
internal static class ChatMessageJson
{
    /// <summary>
    /// Non-ASCII text is written as is (UTF-8), not as \u escapes: the answers are JSON for API clients, never
    /// inlined into HTML, so readable names such as "Kari Nordmann Ø." matter more than HTML-safe escaping.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Reads a request that has passed validation, so every value has its documented type.</summary>
    public static AddChatMessageRequest ReadRequest(JObject body)
    {
        var message = body["Message"] as JObject;
        return new AddChatMessageRequest((int)body["ChatSessionId"]!, message is null ? null : ReadMessage(message));
    }

    public static ChatMessage ReadMessage(JObject message) => new()
    {
        ChatMessageId = (int?)message["ChatMessageId"],
        ChatSessionId = (int?)message["ChatSessionId"],
        Type = (string?)message["Type"],
        Message = (string?)message["Message"],
        Author = (string?)message["Author"],
        ReadByCustomer = (int?)message["ReadByCustomer"],
        SpecialType = (string?)message["SpecialType"],
        SpecialParam = (string?)message["SpecialParam"],
        WhenPosted = (string?)message["WhenPosted"],
    };

    /// <summary>
    /// Fills what the client left out of a posted message with the carrier's defaults (SuperOffice's empty
    /// ChatMessage: Type Invalid, ReadByCustomer 0, SpecialType None, empty strings); what it sent, null included,
    /// stays as sent.
    /// </summary>
    public static ChatMessage WithCarrierDefaults(ChatMessage sent, JObject posted) => sent with
    {
        Type = sent.Type ?? "Invalid",
        Message = posted.ContainsKey("Message") ? sent.Message : string.Empty,
        Author = posted.ContainsKey("Author") ? sent.Author : string.Empty,
        ReadByCustomer = sent.ReadByCustomer ?? 0,
        SpecialType = sent.SpecialType ?? "None",
        SpecialParam = posted.ContainsKey("SpecialParam") ? sent.SpecialParam : string.Empty,
    };

    /// <summary>Writes the nine properties in the documented order; a null value is written as null.</summary>
    public static void Write(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        WriteNumber(writer, "ChatMessageId", message.ChatMessageId);
        WriteNumber(writer, "ChatSessionId", message.ChatSessionId);
        writer.WriteString("Type", message.Type);
        writer.WriteString("Message", message.Message);
        writer.WriteString("Author", message.Author);
        WriteNumber(writer, "ReadByCustomer", message.ReadByCustomer);
        writer.WriteString("SpecialType", message.SpecialType);
        writer.WriteString("SpecialParam", message.SpecialParam);
        writer.WriteString("WhenPosted", message.WhenPosted);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
