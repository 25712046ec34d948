using ChatMock.Answers;
using System.Globalization;
using System.Text.Json;
using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Messages;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Page;

/// <summary>
/// The stored conversation as the page shows it: <c>sessions</c> (the newest sessions, each with its topic, customer,
/// status, last message and message count) and <c>sessions/{id}</c> (one session and its newest messages, in order).
/// Both are read from the engine's chat store when asked, and bounded: the page asks again when the stream says the
/// store changed (<see cref="LivePageStream"/>'s <c>chat</c> event).
/// </summary>
internal static class LivePageChat
{
    /// <summary>How many sessions, or messages of one session, an answer holds unless the page asks for another number.</summary>
    public const int DefaultLimit = 500;

    /// <summary>The most sessions, or messages of one session, one answer holds.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>
    /// Returns how to read the store's version: <see cref="InMemoryChatStore.Version"/>, or null for a store that has
    /// none (the stream then tells the page to look again every so often).
    /// </summary>
    public static Func<long>? VersionOf(IChatStore store) => store is InMemoryChatStore memory ? () => memory.Version : null;

    /// <summary>Answers <c>GET sessions</c>: the newest sessions (highest ids first), at most <c>limit</c>.</summary>
    public static Task WriteSessionsAsync(HttpContext context, IChatStore store)
    {
        if (!LivePageQuery.TryReadCount(context.Request.Query, "limit", "sessions", DefaultLimit, MaxLimit, out var limit, out var problem))
        {
            return AdminHttp.BadRequestAsync(context, problem!);
        }

        // The version first: a change made while the sessions are read shows as a newer version on the stream.
        var version = VersionOf(store)?.Invoke();
        var sessions = store.Sessions();
        var topics = store.Topics().Where(t => t.ChatTopicId is not null).ToDictionary(t => t.ChatTopicId!.Value, t => t.Name);
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            WriteVersion(json, version);
            json.WriteNumber("total", sessions.Count);
            var shown = Math.Min(limit, sessions.Count);
            json.WriteNumber("shown", shown);
            json.WriteStartArray("sessions");
            for (var i = sessions.Count - 1; i >= sessions.Count - shown; i--)
            {
                var session = sessions[i];
                WriteSummary(json, session, topics, store.MessageCountOf(session.ChatSessionId!.Value) ?? 0);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Answers <c>GET sessions/{id}</c>: the session and its newest messages, at most <c>limit</c>, oldest first.</summary>
    public static Task WriteSessionAsync(HttpContext context, IChatStore store, string idText)
    {
        if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            return AdminHttp.BadRequestAsync(context, $"A session id is a whole number from 1 to {int.MaxValue}; '{Echo.Of(idText)}' is not one.");
        }

        if (!LivePageQuery.TryReadCount(context.Request.Query, "limit", "messages", DefaultLimit, MaxLimit, out var limit, out var problem))
        {
            return AdminHttp.BadRequestAsync(context, problem!);
        }

        var version = VersionOf(store)?.Invoke();
        var session = store.Session(id);
        var messages = session is null ? null : store.Messages(id);
        if (session is null || messages is null)
        {
            return AdminHttp.NotFoundAsync(context, string.Create(CultureInfo.InvariantCulture, $"No session {id} is stored (never made, deleted, evicted, or the state was reset)."));
        }

        var topics = session.TopicId is { } topicId && store.Topic(topicId) is { } topic
            ? new Dictionary<int, string?> { [topicId] = topic.Name }
            : [];
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            WriteVersion(json, version);
            json.WritePropertyName("session");
            WriteSummary(json, session, topics, messages.Count);
            var shown = Math.Min(limit, messages.Count);
            json.WriteNumber("shown", shown);
            json.WriteStartArray("messages");
            for (var i = messages.Count - shown; i < messages.Count; i++)
            {
                WriteMessage(json, messages[i]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteVersion(Utf8JsonWriter json, long? version)
    {
        if (version is { } known)
        {
            json.WriteNumber("version", known);
        }
        else
        {
            json.WriteNull("version");
        }
    }

    private static void WriteSummary(Utf8JsonWriter json, ChatSessionEntity session, Dictionary<int, string?> topics, int messageCount)
    {
        json.WriteStartObject();
        json.WriteNumber("id", session.ChatSessionId ?? 0);
        if (session.TopicId is { } topicId)
        {
            json.WriteNumber("topicId", topicId);
        }
        else
        {
            json.WriteNull("topicId");
        }

        json.WriteString("topic", session.TopicId is { } known && topics.TryGetValue(known, out var name) ? name : null);
        json.WriteString("customer", FirstText(session.CustomerName, session.CustomerAlias, session.CustomerEmail, session.CustomerPhone));
        json.WriteString("status", session.Status);
        json.WriteString("lastMessage", session.LastMessage);
        json.WriteNumber("messageCount", messageCount);
        WriteTime(json, "whenRequested", session.WhenRequested);
        WriteTime(json, "whenIdle", session.WhenIdle);
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartObject();
        json.WriteNumber("id", message.ChatMessageId ?? 0);
        json.WriteString("type", message.Type);
        json.WriteString("text", message.Message);
        json.WriteString("author", message.Author);
        json.WriteString("when", message.WhenPosted);
        json.WriteString("specialType", message.SpecialType);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } known)
        {
            json.WriteString(name, UtcText.Format(known));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string? FirstText(params string?[] texts) => texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
}
