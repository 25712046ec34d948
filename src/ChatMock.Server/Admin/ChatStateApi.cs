using ChatMock.Answers;
using System.Globalization;
using System.Text.Json;
using ChatMock.Bodies;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Engine;
using ChatMock.Messages;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChatMock.Server.Admin;

/// <summary>
/// The chat state over HTTP, under <c>/__admin/chatmock</c>: <c>sessions</c> (list, clear), <c>sessions/{id}</c>
/// (read, replace or seed, delete), <c>topics</c> (read, replace) and <c>reset</c> (the state, with or without the
/// journal). Seeds are checked against the contract's schemas, so that what the API answers later keeps them;
/// entities are written with the carriers' source-generated metadata (<see cref="CarrierJson"/>).
/// </summary>
internal sealed class ChatStateApi
{
    private readonly ChatMockEngine _engine;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<ChatStateContract> _contract;

    public ChatStateApi(ChatMockEngine engine, TimeProvider? timeProvider)
    {
        _engine = engine;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _contract = new Lazy<ChatStateContract>(() => ChatStateContract.Of(engine.Options.ContractsPath));
    }

    /// <summary>Whether a path below <c>/__admin/chatmock</c> (<paramref name="rest"/>) is one of these endpoints.</summary>
    public static bool Serves(PathString rest) =>
        (rest.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries) is ["sessions", ..] or ["topics", ..] or ["reset", ..];

    /// <summary>Answers a request whose path is below <c>/__admin/chatmock</c>; <paramref name="rest"/> is what follows it.</summary>
    public Task HandleAsync(HttpContext context, PathString rest)
    {
        var segments = (rest.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["sessions"]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", ListSessionsAsync), ("DELETE", c => ClearAsync(c, journal: false)));
            case ["sessions", var id]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", c => GetSessionAsync(c, id)), ("PUT", c => PutSessionAsync(c, id)), ("DELETE", c => DeleteSessionAsync(c, id)));
            case ["topics"]:
                return AdminHttp.AnswerByMethodAsync(context, ("GET", ListTopicsAsync), ("PUT", PutTopicsAsync));
            case ["reset"]:
                return AdminHttp.AnswerByMethodAsync(context, ("POST", ResetAsync));
            default:
                return AdminHttp.NotFoundAsync(
                    context,
                    $"No ChatMock admin endpoint at {context.Request.Path}. The chat state is at /__admin/chatmock/sessions, /sessions/{{id}}, /topics and /reset.");
        }
    }

    private Task ListSessionsAsync(HttpContext context)
    {
        var sessions = _engine.Chat.Sessions();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("total", sessions.Count);
            writer.WriteStartArray("sessions");
            foreach (var session in sessions)
            {
                JsonSerializer.Serialize(writer, session, CarrierJson.Default.ChatSessionEntity);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private async Task GetSessionAsync(HttpContext context, string id)
    {
        if (await SessionIdAsync(context, id).ConfigureAwait(false) is not { } sessionId)
        {
            return;
        }

        var store = _engine.Chat;
        if (store.Session(sessionId) is not { } session || store.Messages(sessionId) is not { } messages)
        {
            await NoSessionAsync(context, sessionId).ConfigureAwait(false);
            return;
        }

        await WriteSessionAsync(context, session, messages).ConfigureAwait(false);
    }

    private async Task DeleteSessionAsync(HttpContext context, string id)
    {
        if (await SessionIdAsync(context, id).ConfigureAwait(false) is not { } sessionId)
        {
            return;
        }

        var messages = _engine.Chat.MessageCountOf(sessionId) ?? 0;
        if (!_engine.Chat.DeleteSession(sessionId))
        {
            await NoSessionAsync(context, sessionId).ConfigureAwait(false);
            return;
        }

        await WriteClearedAsync(context, sessions: 1, messages, calls: 0, journal: false).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>PUT /__admin/chatmock/sessions/{id}</c>: <c>{"session": {...}, "messages": [...]}</c> replaces the session
    /// of that id and its messages. Left-out properties take the schema's defaults (as an empty carrier has them);
    /// a message without <c>WhenPosted</c> gets the server's time; the store assigns the message ids.
    /// </summary>
    private async Task PutSessionAsync(HttpContext context, string id)
    {
        if (await SessionIdAsync(context, id).ConfigureAwait(false) is not { } sessionId
            || await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var seed = await SessionSeed.ReadAsync(context, body, sessionId, _contract.Value, _engine.Options.MaxMessagesPerSession, UtcText.Format(_timeProvider.GetUtcNow())).ConfigureAwait(false);
        if (seed is null)
        {
            return;
        }

        var (session, messages) = seed;
        var store = _engine.Chat;
        store.DeleteSession(sessionId);
        try
        {
            store.AddSession(session with { ChatSessionId = sessionId });
        }
        catch (ArgumentException)
        {
            // A message of the mocked API made the session again between the delete and the add.
            await ChangedWhileSeedingAsync(context, sessionId).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var added = store.AddMessage(sessionId, _ => message, newSession: null, touch: null);
            if (added.Outcome == MessageAddition.SessionFullOfBytes)
            {
                await AdminHttp.BadRequestAsync(
                    context,
                    string.Create(CultureInfo.InvariantCulture, $"With message {i}, session {sessionId} would take more than {_engine.Options.MaxChatBytes} bytes, all the chat store keeps (MaxChatBytes); the messages before it are kept."),
                    string.Create(CultureInfo.InvariantCulture, $"/messages/{i}")).ConfigureAwait(false);
                return;
            }

            if (added.Message is null)
            {
                // Only a request racing this one (deleting the session, or filling it) gets here.
                await ChangedWhileSeedingAsync(context, sessionId).ConfigureAwait(false);
                return;
            }
        }

        await WriteSessionAsync(context, store.Session(sessionId) ?? session, store.Messages(sessionId) ?? []).ConfigureAwait(false);
    }

    private Task ListTopicsAsync(HttpContext context)
    {
        var topics = _engine.Chat.Topics();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => WriteTopics(writer, topics));
    }

    /// <summary>
    /// <c>PUT /__admin/chatmock/topics</c>: a JSON array of ChatTopicEntity (as the TopicsPath file holds), or the
    /// answer of GET (<c>{"topics": [...]}</c>), replaces every topic; sessions and messages stay.
    /// </summary>
    private async Task PutTopicsAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var prefix = string.Empty;
        if (body is JObject { Count: 1 } wrapper && wrapper.Properties().Single() is { } only && string.Equals(only.Name, "topics", StringComparison.OrdinalIgnoreCase))
        {
            body = only.Value;
            prefix = "/" + only.Name;
        }

        if (body is not JArray items)
        {
            await AdminHttp.BadRequestAsync(context, "The body must be an array of ChatTopicEntity, or {\"topics\": [...]}.", prefix).ConfigureAwait(false);
            return;
        }

        var contract = _contract.Value;
        var topics = new List<ChatTopicEntity>(items.Count);
        var ids = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var pointer = string.Create(CultureInfo.InvariantCulture, $"{prefix}/{i}");
            if (items[i] is not JObject sentTopic)
            {
                await AdminHttp.BadRequestAsync(context, "Each topic must be a ChatTopicEntity object.", pointer).ConfigureAwait(false);
                return;
            }

            var item = ChatStateContract.Detached(sentTopic);

            if (await ChatStateContract.ViolationAsync(context, contract.Topic, item, pointer, ChatStateContract.TopicSchemaFile).ConfigureAwait(false))
            {
                return;
            }

            var topic = CarrierReader.Read(Carrier.ChatTopic, NewtonsoftTree.ToElement(item), contract.EmptyTopic);
            if (topic.ChatTopicId is not ({ } id and > 0))
            {
                await AdminHttp.BadRequestAsync(context, "Each topic needs a ChatTopicId above 0.", pointer + "/ChatTopicId").ConfigureAwait(false);
                return;
            }

            if (!ids.Add(id))
            {
                await AdminHttp.BadRequestAsync(context, string.Create(CultureInfo.InvariantCulture, $"Two topics have the ChatTopicId {id}."), pointer + "/ChatTopicId").ConfigureAwait(false);
                return;
            }

            topics.Add(topic);
        }

        _engine.Chat.ReplaceTopics(topics);
        var stored = _engine.Chat.Topics();
        await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => WriteTopics(writer, stored)).ConfigureAwait(false);
    }

    /// <summary><c>POST /__admin/chatmock/reset?journal=true|false</c>: the chat state back to the start, the journal too unless <c>journal=false</c>.</summary>
    private async Task ResetAsync(HttpContext context)
    {
        var journal = true;
        foreach (var (name, values) in context.Request.Query)
        {
            if (!string.Equals(name, "journal", StringComparison.OrdinalIgnoreCase) || values.Count != 1 || !bool.TryParse(values[0], out journal))
            {
                await AdminHttp.BadRequestAsync(context, "Reset takes one query parameter, journal=true (the default: the journal is cleared too) or journal=false.").ConfigureAwait(false);
                return;
            }
        }

        await ClearAsync(context, journal).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets the sessions and messages (ids start again, topics back to those of the start). With
    /// <paramref name="journal"/>, the engine's whole reset: the journal too, and the sample sessions made again.
    /// </summary>
    private Task ClearAsync(HttpContext context, bool journal)
    {
        var store = _engine.Chat;
        var sessions = store.Sessions();
        var messages = store is InMemoryChatStore memory ? memory.MessageCount : sessions.Sum(s => store.MessageCountOf(s.ChatSessionId ?? 0) ?? 0);
        var calls = 0;
        if (journal)
        {
            calls = _engine.Journal.Count;
            _engine.Reset(resetIds: true);
        }
        else
        {
            _engine.ResetChat();
        }

        return WriteClearedAsync(context, sessions.Count, messages, calls, journal);
    }

    private static Task WriteClearedAsync(HttpContext context, int sessions, int messages, int calls, bool journal) =>
        AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("sessions", sessions);
            writer.WriteNumber("messages", messages);
            writer.WriteNumber("calls", calls);
            writer.WriteBoolean("journalCleared", journal);
            writer.WriteEndObject();
        });

    private static Task WriteSessionAsync(HttpContext context, ChatSessionEntity session, IReadOnlyList<ChatMessage> messages) =>
        AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("session");
            JsonSerializer.Serialize(writer, session, CarrierJson.Default.ChatSessionEntity);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                JsonSerializer.Serialize(writer, message, CarrierJson.Default.ChatMessage);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteTopics(Utf8JsonWriter writer, IReadOnlyList<ChatTopicEntity> topics)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("topics");
        foreach (var topic in topics)
        {
            JsonSerializer.Serialize(writer, topic, CarrierJson.Default.ChatTopicEntity);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task<int?> SessionIdAsync(HttpContext context, string id)
    {
        if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sessionId) && sessionId > 0)
        {
            return sessionId;
        }

        await AdminHttp.BadRequestAsync(context, $"'{Echo.Of(id)}' is not a ChatSessionId; ids are whole numbers from 1 to {int.MaxValue}.").ConfigureAwait(false);
        return null;
    }

    private static Task ChangedWhileSeedingAsync(HttpContext context, int sessionId) =>
        AdminHttp.WriteErrorAsync(context, StatusCodes.Status409Conflict, AdminErrorTypes.InvalidRequest,
            string.Create(CultureInfo.InvariantCulture, $"Session {sessionId} changed while it was being seeded; send the seed again."));

    private static Task NoSessionAsync(HttpContext context, int sessionId) =>
        AdminHttp.NotFoundAsync(context, string.Create(CultureInfo.InvariantCulture, $"No chat session {sessionId}: it was never made, was deleted, or was removed to stay within MaxSessions, MaxMessages or MaxChatBytes."));

    /// <summary>Reads the body (already read into memory, decoded and bounded by the admin front door) as JSON; answers 400 when it is not.</summary>
    private static async Task<JToken?> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            await AdminHttp.BadRequestAsync(context, "The body is empty; send JSON.").ConfigureAwait(false);
            return null;
        }

        if (!JsonBodyReader.TryRead(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var document, out var violation))
        {
            await AdminHttp.BadRequestAsync(context, "The body is not JSON: " + (violation?.Message ?? "it could not be read."), violation?.Path).ConfigureAwait(false);
            return null;
        }

        using (document)
        {
            return NewtonsoftTree.From(document.RootElement);
        }
    }
}
