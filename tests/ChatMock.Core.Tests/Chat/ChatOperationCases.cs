using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Operations;
using ChatMock.Routing;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Core.Tests.Chat;

/// <summary>How a body is sent.</summary>
internal enum BodyFormat
{
    Json,
    Xml,
    Form,
}

/// <summary>
/// Every served chat operation of the embedded openapi.json, and a valid request to each built from its
/// <c>x-chatmock-input</c> entry: path and query parameters filled in, a body of the schema it names.
/// </summary>
internal static class ChatOperationCases
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero); // a Wednesday

    private static readonly string[] Texts =
    [
        "Where is my parcel?", "Hei! Jeg lurer på fakturaen min.", "Thanks, that helped.", "Ça marche très bien — merci",
        "<b>bold</b> & \"quoted\" 'text'", "Emoji 😀 and ✓", "Line one\nline two", "Price: 1 234,50 kr", "x",
    ];

    private static readonly string[] Types = ["ToUser", "ToCustomer", "ToUser", "ToCustomer", "Special"];

    /// <summary>Gets every served operation of the embedded contract.</summary>
    public static IReadOnlyList<Operation> Operations { get; } = OperationRegistry.Load(null, OperationHandlers.Names).Operations;

    /// <summary>The served operations as test case names: <c>POST /api/v1/ChatSession/{id}</c>.</summary>
    public static IEnumerable<string> Names() => Operations.Select(o => o.ToString());

    /// <summary>The served operations that take a body.</summary>
    public static IEnumerable<string> WithBody() => Operations.Where(o => o.BodySchema is not null).Select(o => o.ToString());

    /// <summary>The served operations that answer an entity.</summary>
    public static IEnumerable<string> WithEntityAnswer() => Operations.Where(o => o.AnswerShape == "entity" && o.AnswerSchema is not null).Select(o => o.ToString());

    public static Operation Named(string name) => Operations.Single(o => o.ToString() == name);

    public static ChatMockEngine NewEngine(int seed = 7, int sampleSessions = 3, Action<ChatMockOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ChatMockOptions { Seed = seed, SampleSessions = sampleSessions };
        configure?.Invoke(options);
        return new ChatMockEngine(options, time ?? new FakeTimeProvider(Start));
    }

    /// <summary>A message as a front end posts it, made up from <paramref name="random"/>.</summary>
    public static JsonObject GeneratedMessage(Random random) => new()
    {
        ["Type"] = Types[random.Next(Types.Length)],
        ["Message"] = Texts[random.Next(Texts.Length)] + " #" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        ["Author"] = random.Next(2) == 0 ? "Kari Nordmann" : "Ola",
    };

    /// <summary>Posts <paramref name="count"/> generated messages to a session.</summary>
    public static void PostMessages(ChatMockEngine engine, int sessionId, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var body = new JsonObject { ["ChatSessionId"] = sessionId, ["Message"] = GeneratedMessage(random) };
            var response = engine.Handle(ChatCall.Agent("AddChatMessage", body.ToJsonString()));
            if (response.StatusCode != 200)
            {
                throw new InvalidOperationException("Setting up failed: " + response.BodyText());
            }
        }
    }

    /// <summary>The body the operation takes, as JSON, or null when it takes none; <paramref name="booleans"/> false leaves out the optional booleans.</summary>
    public static JsonObject? Body(Operation operation, int sessionId, int topicId, Random random, bool booleans = true) => operation.BodySchema switch
    {
        null => null,
        "add-chat-message.request.schema.json" => new JsonObject { ["ChatSessionId"] = sessionId, ["Message"] = GeneratedMessage(random) },
        "chat-message.schema.json" => GeneratedMessage(random),
        "get-chat-messages.request.schema.json" => new JsonObject { ["ChatSessionId"] = sessionId, ["After"] = 0 },
        "get-chat-transcript.request.schema.json" => booleans
            ? new JsonObject { ["ChatSessionId"] = sessionId, ["Html"] = random.Next(2) == 0 }
            : new JsonObject { ["ChatSessionId"] = sessionId },
        "chat-session-entity.schema.json" => new JsonObject
        {
            ["ChatSessionId"] = operation.Method == "POST" && operation.Path == "/api/v1/ChatSession" ? 0 : sessionId,
            ["CustomerName"] = "Kari Nordmann " + random.Next(100).ToString(CultureInfo.InvariantCulture),
            ["CustomerEmail"] = "kari@example.com",
        },
        "chat-topic-id.request.schema.json" => new JsonObject { ["ChatTopicId"] = topicId },
        "chat-session-id.request.schema.json" => new JsonObject { ["ChatSessionId"] = sessionId },
        var other => throw new InvalidOperationException($"{operation}: no request body is known for '{other}'; add one to {nameof(ChatOperationCases)}."),
    };

    /// <summary>A valid request to <paramref name="operation"/> about the session and topic given.</summary>
    public static ChatMockRequest Request(
        Operation operation, int sessionId, int topicId, Random random, BodyFormat format = BodyFormat.Json, string extraQuery = "", bool booleans = true, params KeyValuePair<string, string>[] headers)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var value = Value(parameter.Name, sessionId, topicId);
            if (parameter.In == "path")
            {
                path = path.Replace("{" + parameter.Key + "}", value, StringComparison.Ordinal);
            }
            else
            {
                query.Add(parameter.Key + "=" + value);
            }
        }

        if (extraQuery.Length > 0)
        {
            query.Add(extraQuery);
        }

        var body = Body(operation, sessionId, topicId, random, booleans);
        var (bytes, contentType) = body is null ? (null, null) : Encode(body, format, operation.Handler);
        return new ChatMockRequest
        {
            Method = operation.Method,
            Path = path,
            QueryString = query.Count == 0 ? string.Empty : "?" + string.Join('&', query),
            Headers = [.. contentType is null ? [] : new[] { new KeyValuePair<string, string>("Content-Type", contentType) }, .. headers.Any(h => h.Key == "Authorization") ? [] : new[] { EngineRequests.SampleAuthorization }, .. headers.Where(h => h.Value.Length > 0)],
            Body = bytes ?? ReadOnlyMemory<byte>.Empty,
        };
    }

    /// <summary>The body in the format: JSON as is, XML with one element per property, a form with dotted names.</summary>
    public static (byte[] Body, string ContentType) Encode(JsonObject body, BodyFormat format, string root) => format switch
    {
        BodyFormat.Json => (Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json"),
        BodyFormat.Xml => (Encoding.UTF8.GetBytes(new XElement(root, Elements(body)).ToString(SaveOptions.DisableFormatting)), "application/xml"),
        _ => (Encoding.UTF8.GetBytes(string.Join('&', Fields(body, string.Empty))), "application/x-www-form-urlencoded"),
    };

    private static string Value(string name, int sessionId, int topicId) => name switch
    {
        "ChatSessionId" => sessionId.ToString(CultureInfo.InvariantCulture),
        "ChatTopicId" => topicId.ToString(CultureInfo.InvariantCulture),
        "After" => "0",
        "Html" => "false",
        _ => throw new InvalidOperationException($"No value is known for the parameter {name}; add one to {nameof(ChatOperationCases)}."),
    };

    private static IEnumerable<XElement> Elements(JsonObject body) =>
        body.Select(p => p.Value is JsonObject inner ? new XElement(p.Key, Elements(inner)) : new XElement(p.Key, Scalar(p.Value!)));

    private static IEnumerable<string> Fields(JsonObject body, string prefix) =>
        body.SelectMany(p => p.Value is JsonObject inner
            ? Fields(inner, prefix + p.Key + ".")
            : [WebUtility.UrlEncode(prefix + p.Key) + "=" + WebUtility.UrlEncode(Scalar(p.Value!))]);

    private static string Scalar(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
