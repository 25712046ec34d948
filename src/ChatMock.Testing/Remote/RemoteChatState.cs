using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Testing.Remote;

/// <summary>
/// The chat state of a ChatMock server running elsewhere, through its admin API (<c>/__admin/chatmock/sessions</c>,
/// <c>/topics</c>, <c>/reset</c>): read it, seed sessions before a test, clear or reset it between tests.
/// </summary>
/// <example>
/// <code>
/// using var chatMock = new ChatMockRemote(new Uri("http://localhost:8080/"));
/// await chatMock.Chat.SeedSessionAsync(new ChatSessionEntity { ChatSessionId = 7, TopicId = 1, Status = "InQueue" },
///     new ChatMessage { Type = "ToUser", Message = "Hello?" });
/// </code>
/// </example>
public sealed class RemoteChatState
{
    private const string StatePath = "__admin/chatmock/";

    private readonly HttpClient _client;
    private readonly string? _adminToken;

    internal RemoteChatState(HttpClient client, string? adminToken)
    {
        _client = client;
        _adminToken = adminToken;
    }

    /// <summary>Reads the sessions the server keeps, by id, without their messages.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The sessions.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task<IReadOnlyList<ChatSessionEntity>> GetSessionsAsync(CancellationToken cancellationToken = default)
    {
        using var document = (await SendAsync(HttpMethod.Get, "sessions", null, cancellationToken).ConfigureAwait(false))!;
        return [.. document.RootElement.GetProperty("sessions").EnumerateArray().Select(s => s.Deserialize(CarrierJson.Default.ChatSessionEntity)!)];
    }

    /// <summary>Reads one session and its messages, oldest first.</summary>
    /// <param name="chatSessionId">The session's id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The session and its messages, or null when the server has no session of that id.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task<ChatSessionWithMessages?> GetSessionAsync(int chatSessionId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Get, SessionPath(chatSessionId), null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return document is null ? null : ReadSession(document.RootElement);
    }

    /// <summary>
    /// Stores <paramref name="session"/> with <paramref name="messages"/> on the server, replacing any session of
    /// its id with its messages (<c>PUT /__admin/chatmock/sessions/{id}</c>). The server checks them against the
    /// contract; a property left null takes the schema's default; the messages do not change the session; the
    /// server assigns the message ids, and gives a message without <c>WhenPosted</c> its time.
    /// </summary>
    /// <param name="session">The session, with its <c>ChatSessionId</c>.</param>
    /// <param name="messages">The session's messages, oldest first.</param>
    /// <returns>The session and its messages as the server stored them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/>, <paramref name="messages"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The session has no <c>ChatSessionId</c> above 0.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the seed (the message says why).</exception>
    public Task<ChatSessionWithMessages> SeedSessionAsync(ChatSessionEntity session, params ChatMessage[] messages) =>
        SeedSessionAsync(session, messages, CancellationToken.None);

    /// <summary>Stores <paramref name="session"/> with <paramref name="messages"/> on the server, replacing any session of its id.</summary>
    /// <param name="session">The session, with its <c>ChatSessionId</c>.</param>
    /// <param name="messages">The session's messages, oldest first.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The session and its messages as the server stored them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/>, <paramref name="messages"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The session has no <c>ChatSessionId</c> above 0.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the seed (the message says why).</exception>
    public async Task<ChatSessionWithMessages> SeedSessionAsync(ChatSessionEntity session, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        if (session.ChatSessionId is not ({ } id and > 0))
        {
            throw new ArgumentException("Give the session the ChatSessionId to store it at (above 0).", nameof(session));
        }

        var items = new JsonArray();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            items.Add(WithoutNulls(JsonSerializer.SerializeToNode(message, CarrierJson.Default.ChatMessage)));
        }

        var body = new JsonObject
        {
            ["session"] = WithoutNulls(JsonSerializer.SerializeToNode(session, CarrierJson.Default.ChatSessionEntity)),
            ["messages"] = items,
        };
        using var document = (await SendAsync(HttpMethod.Put, SessionPath(id), body, cancellationToken).ConfigureAwait(false))!;
        return ReadSession(document.RootElement);
    }

    /// <summary>Removes one session and its messages.</summary>
    /// <param name="chatSessionId">The session's id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>Whether there was one.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task<bool> DeleteSessionAsync(int chatSessionId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Delete, SessionPath(chatSessionId), null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return document is not null;
    }

    /// <summary>Forgets every session and message (ids start again, topics back to those of the start); the journal is kept.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server has cleared its state.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, "sessions", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts the chat state back to the start (<c>POST /__admin/chatmock/reset</c>): with <paramref name="journal"/>,
    /// the server's whole reset, journal and sample sessions included; without, as <see cref="ClearAsync"/>.
    /// </summary>
    /// <param name="journal">Whether the journal is cleared too.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server has reset.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task ResetAsync(bool journal = true, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Post, journal ? "reset?journal=true" : "reset?journal=false", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the topics, by id.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The topics.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task<IReadOnlyList<ChatTopicEntity>> GetTopicsAsync(CancellationToken cancellationToken = default)
    {
        using var document = (await SendAsync(HttpMethod.Get, "topics", null, cancellationToken).ConfigureAwait(false))!;
        return ReadTopics(document.RootElement);
    }

    /// <summary>Replaces every topic; sessions and messages stay. A property left null takes the schema's default.</summary>
    /// <param name="topics">The topics, each with a <c>ChatTopicId</c> above 0, once.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The topics as the server stored them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="topics"/> or one of them is null.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the topics (the message says why).</exception>
    public async Task<IReadOnlyList<ChatTopicEntity>> ReplaceTopicsAsync(IEnumerable<ChatTopicEntity> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var body = new JsonArray();
        foreach (var topic in topics)
        {
            ArgumentNullException.ThrowIfNull(topic, nameof(topics));
            body.Add(WithoutNulls(JsonSerializer.SerializeToNode(topic, CarrierJson.Default.ChatTopicEntity)));
        }

        using var document = (await SendAsync(HttpMethod.Put, "topics", body, cancellationToken).ConfigureAwait(false))!;
        return ReadTopics(document.RootElement);
    }

    private static string SessionPath(int chatSessionId) => string.Create(CultureInfo.InvariantCulture, $"sessions/{chatSessionId}");

    private static ChatSessionWithMessages ReadSession(JsonElement root) => new(
        root.GetProperty("session").Deserialize(CarrierJson.Default.ChatSessionEntity)!,
        root.GetProperty("messages").Deserialize(CarrierJson.Default.ListChatMessage)!);

    private static List<ChatTopicEntity> ReadTopics(JsonElement root) =>
        root.GetProperty("topics").Deserialize(CarrierJson.Default.ListChatTopicEntity)!;

    /// <summary>The carrier without its null properties: left out, they take the schema's defaults on the server.</summary>
    private static JsonNode? WithoutNulls(JsonNode? carrier)
    {
        if (carrier is JsonObject properties)
        {
            foreach (var name in properties.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                properties.Remove(name);
            }
        }

        return carrier;
    }

    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(StatePath + path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (_adminToken is not null)
        {
            if (_client.DefaultRequestHeaders.Authorization is null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
            }
            else
            {
                request.Headers.Add(ChatMockRemote.AdminTokenHeader, _adminToken);
            }
        }

        var where = new Uri(_client.BaseAddress!, request.RequestUri!);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException($"ChatMock's admin API at {where} could not be reached: {ex.Message} Is the server running there?", ex, ex.StatusCode);
        }

        using (response)
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    string.Create(CultureInfo.InvariantCulture, $"ChatMock's admin API refused {method} {where} with {(int)response.StatusCode}: {Detail(text)}"),
                    null,
                    response.StatusCode);
            }

            return JsonDocument.Parse(text);
        }
    }

    /// <summary>The <c>detail</c> of an answer in WireMock's error format, or the start of the answer.</summary>
    private static string Detail(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object && errors[0].TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return text.Length > 500 ? text[..500] : text;
    }
}
