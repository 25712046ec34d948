using System.Globalization;
using ChatMock.Bodies;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Messages;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChatMock.Server.Admin;

/// <summary>
/// A session seed of <c>PUT /__admin/chatmock/sessions/{id}</c>, read and checked: <c>{"session": {...}, "messages":
/// [...]}</c>, each part against its schema, left-out properties the schema's defaults, a message without
/// <c>WhenPosted</c> at the server's time.
/// </summary>
/// <param name="Session">The session, read over the empty ChatSessionEntity.</param>
/// <param name="Messages">The messages, oldest first, read over the empty ChatMessage.</param>
internal sealed record SessionSeed(ChatSessionEntity Session, List<ChatMessage> Messages)
{
    /// <summary>Reads the seed of session <paramref name="sessionId"/>; null when it was refused, the 400 answered.</summary>
    /// <param name="context">The request, answered when the seed is refused.</param>
    /// <param name="body">The body, read as JSON.</param>
    /// <param name="sessionId">The id of the path.</param>
    /// <param name="contract">The schemas and empty carriers.</param>
    /// <param name="maxMessages">The most messages a session keeps (MaxMessagesPerSession).</param>
    /// <param name="now">The server's time, for messages sent without one.</param>
    public static async Task<SessionSeed?> ReadAsync(HttpContext context, JToken body, int sessionId, ChatStateContract contract, int maxMessages, string now)
    {
        if (body is not JObject document)
        {
            await AdminHttp.BadRequestAsync(context, "The body must be an object: {\"session\": {...ChatSessionEntity}, \"messages\": [...ChatMessage]}.", string.Empty).ConfigureAwait(false);
            return null;
        }

        JToken? sessionToken = null;
        JToken? messagesToken = null;
        foreach (var property in document.Properties())
        {
            if (string.Equals(property.Name, "session", StringComparison.OrdinalIgnoreCase))
            {
                sessionToken = property.Value;
            }
            else if (string.Equals(property.Name, "messages", StringComparison.OrdinalIgnoreCase))
            {
                messagesToken = property.Value;
            }
            else
            {
                await AdminHttp.BadRequestAsync(context, $"'{Echo.Of(property.Name)}' is not a property of a session seed; send \"session\" and \"messages\".", "/" + property.Name).ConfigureAwait(false);
                return null;
            }
        }

        if (sessionToken is not JObject sent)
        {
            await AdminHttp.BadRequestAsync(context, "\"session\" must be a ChatSessionEntity object (an empty object {} takes every default).", "/session").ConfigureAwait(false);
            return null;
        }

        if (messagesToken is not (null or { Type: JTokenType.Null } or JArray))
        {
            await AdminHttp.BadRequestAsync(context, "\"messages\" must be an array of ChatMessage, oldest first.", "/messages").ConfigureAwait(false);
            return null;
        }

        var sessionObject = ChatStateContract.Detached(sent);
        if (await ChatStateContract.ViolationAsync(context, contract.Session, sessionObject, "/session", ChatStateContract.SessionSchemaFile).ConfigureAwait(false))
        {
            return null;
        }

        var session = CarrierReader.Read(Carrier.ChatSession, NewtonsoftTree.ToElement(sessionObject), contract.EmptySession);
        if (session.ChatSessionId is { } given and not 0 && given != sessionId)
        {
            await AdminHttp.BadRequestAsync(
                context,
                string.Create(CultureInfo.InvariantCulture, $"The session's ChatSessionId {given} is not the {sessionId} of the path; leave it out or send the same."),
                "/session/ChatSessionId").ConfigureAwait(false);
            return null;
        }

        var items = messagesToken as JArray ?? [];
        if (items.Count > maxMessages)
        {
            await AdminHttp.BadRequestAsync(
                context,
                string.Create(CultureInfo.InvariantCulture, $"{items.Count} messages are more than a session keeps (MaxMessagesPerSession is {maxMessages})."),
                "/messages").ConfigureAwait(false);
            return null;
        }

        var messages = new List<ChatMessage>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var pointer = string.Create(CultureInfo.InvariantCulture, $"/messages/{i}");
            if (items[i] is not JObject sentMessage)
            {
                await AdminHttp.BadRequestAsync(context, "Each message must be a ChatMessage object.", pointer).ConfigureAwait(false);
                return null;
            }

            var item = ChatStateContract.Detached(sentMessage);

            if (await ChatStateContract.ViolationAsync(context, contract.Message, item, pointer, ContractFiles.ChatMessage).ConfigureAwait(false))
            {
                return null;
            }

            var message = CarrierReader.Read(Carrier.ChatMessage, NewtonsoftTree.ToElement(item), contract.EmptyMessage);
            messages.Add(message.WhenPosted is null ? message with { WhenPosted = now } : message);
        }

        return new SessionSeed(session, messages);
    }
}
