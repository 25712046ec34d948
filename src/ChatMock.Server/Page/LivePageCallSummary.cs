using ChatMock.Answers;
using System.Text.Json;
using ChatMock.Journal;
using ChatMock.Messages;

namespace ChatMock.Server.Page;

/// <summary>One call as the page's list shows it, in the stream's <c>calls</c> events.</summary>
internal static class LivePageCallSummary
{
    /// <summary>What the list, the filters, the search and the conversations need of one call; the rest is fetched when it is opened.</summary>
    public static void Write(Utf8JsonWriter json, RecordedCall call)
    {
        json.WriteStartObject();
        json.WriteNumber("id", call.Id);
        json.WriteString("time", UtcText.Format(call.Timestamp));
        json.WriteString("method", call.Request.Method);
        json.WriteString("path", call.Request.Path);
        json.WriteString("query", call.Request.QueryString);
        json.WriteString("operation", call.Operation);
        json.WriteNumber("status", call.Response.StatusCode);
        json.WriteNumber("durationMs", Math.Round(call.Duration.TotalMilliseconds, 3));
        if (call.AddChatMessage is { } posted)
        {
            json.WriteNumber("session", posted.ChatSessionId);
            json.WritePropertyName("sent");
            WriteMessage(json, posted.Message);
        }
        else
        {
            json.WriteNull("session");
            json.WriteNull("sent");
        }

        json.WritePropertyName("answer");
        WriteMessage(json, call.Response.ChatMessage);
        json.WriteStartArray("violations");
        foreach (var violation in call.Violations)
        {
            json.WriteStartObject();
            json.WriteString("path", violation.Path);
            json.WriteString("message", violation.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("warnings", call.Warnings.Count);
        json.WriteString("fault", call.Fault);
        json.WriteEndObject();
    }

    /// <summary>Writes a chat message sent or answered (its id, type, text, author and time), or null when there is none.</summary>
    private static void WriteMessage(Utf8JsonWriter json, ChatMessage? message)
    {
        if (message is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        if (message.ChatMessageId is { } id)
        {
            json.WriteNumber("id", id);
        }

        json.WriteString("type", message.Type);
        json.WriteString("text", message.Message);
        json.WriteString("author", message.Author);
        json.WriteString("when", message.WhenPosted);
        json.WriteEndObject();
    }
}
