using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.FakeData;
using ChatMock.Journal;
using ChatMock.Messages;
using Newtonsoft.Json.Linq;

namespace ChatMock.Engine;

/// <summary>
/// The host-agnostic ChatMock engine: one request in, one response out, the call recorded. The in-memory host and
/// the standalone server are thin adapters over it.
/// </summary>
public sealed class ChatMockEngine
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string TextContentType = "text/plain; charset=utf-8";
    private const int JournalBodyLimit = 64 * 1024;

    private static readonly string[] JsonMediaTypes =
    [
        "application/json",
        "text/json",
        "application/json-patch+json",
        "application/merge-patch+json",
    ];

    private static readonly byte[] CallDescription = Encoding.UTF8.GetBytes(
        """
        POST /api/v1/Agents/Chat/AddChatMessage
        Add a new message to a chat session.

        Request body (application/json): {"ChatSessionId": <int32>, "Message": <ChatMessage or null>}
        Response: 200 with the stored ChatMessage: ChatMessageId, ChatSessionId, Type, Message, Author,
        ReadByCustomer, SpecialType, SpecialParam, WhenPosted.
        Query: $select=<comma-separated property names> keeps only those properties.

        Served by ChatMock, a mock of the SuperOffice WebAPI.
        """);

    private readonly ChatMockOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CallJournal _journal;
    private readonly ContractValidator _requestValidator;
    private readonly ConcurrentDictionary<int, int> _messagesPerSession = new();
    private int _lastChatMessageId;

    /// <summary>Initializes a new instance of the <see cref="ChatMockEngine"/> class.</summary>
    /// <param name="options">The settings; validated, and copied so later changes to them have no effect.</param>
    /// <param name="timeProvider">The clock of <c>WhenPosted</c> and of the journal; the system clock when null.</param>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public ChatMockEngine(ChatMockOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options?.Clone() ?? new ChatMockOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        Seed = _options.Seed ?? Random.Shared.Next();
        _journal = new CallJournal(_options.JournalCapacity);
        var schemas = string.IsNullOrEmpty(_options.ContractsPath)
            ? ContractSchemas.Embedded
            : ContractSchemas.FromFolder(_options.ContractsPath);
        _requestValidator = new ContractValidator(schemas.Request, _options.RejectUnknownProperties);
        _lastChatMessageId = _options.FirstChatMessageId - 1;
    }

    /// <summary>Gets the settings the engine runs with.</summary>
    public ChatMockOptions Options => _options.Clone();

    /// <summary>Gets the seed of the generated data: the configured one, or the one chosen at random at start.</summary>
    public int Seed { get; }

    /// <summary>Gets the record of every call answered.</summary>
    public ICallJournal Journal => _journal;

    /// <summary>
    /// Forgets every recorded call; with <paramref name="resetIds"/>, also starts message ids and the generated
    /// conversation of every session again from the beginning.
    /// </summary>
    /// <param name="resetIds">Whether to reset the message id counter and the per-session generators.</param>
    public void Reset(bool resetIds = false)
    {
        _journal.Clear();
        if (resetIds)
        {
            _messagesPerSession.Clear();
            Interlocked.Exchange(ref _lastChatMessageId, _options.FirstChatMessageId - 1);
        }
    }

    /// <summary>Answers one request and records it. Never throws for anything the request contains.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The response, with <see cref="ChatMockResponse.Call"/> set to what the journal recorded.</returns>
    public ChatMockResponse Handle(ChatMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        var arrived = _timeProvider.GetUtcNow();
        var outcome = new Outcome();

        ChatMockResponse response;
        try
        {
            response = Route(request, outcome);
        }
#pragma warning disable CA1031 // A bug in the engine must still give the client an answer, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response = Error(500, ErrorTypes.Internal, "ChatMock failed while answering this request: " + ex.Message);
        }

        response.Call = Record(request, response, outcome, arrived, _timeProvider.GetElapsedTime(started));
        return response;
    }

    private ChatMockResponse Route(ChatMockRequest request, Outcome outcome)
    {
        if (!ChatMockRoutes.IsAddChatMessage(request.Path))
        {
            return Error(404, ErrorTypes.NotFound, $"No operation at {request.Path}. ChatMock serves POST {ChatMockRoutes.AddChatMessage}.");
        }

        outcome.Operation = "AddChatMessage";
        if (string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return AddChatMessage(request, outcome);
        }

        if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return new ChatMockResponse { StatusCode = 200, ContentType = TextContentType, Body = CallDescription };
        }

        var response = Error(405, ErrorTypes.MethodNotAllowed, $"{request.Method} is not allowed on {ChatMockRoutes.AddChatMessage}; use POST (or GET for a description of the call).");
        return new ChatMockResponse
        {
            StatusCode = response.StatusCode,
            ContentType = response.ContentType,
            Body = response.Body,
            Headers = [new("Allow", "GET, POST")],
        };
    }

    private ChatMockResponse AddChatMessage(ChatMockRequest request, Outcome outcome)
    {
        if (request.Body.Length > _options.MaxRequestBodyBytes)
        {
            return Error(413, ErrorTypes.RequestTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body has {request.Body.Length} bytes; ChatMock accepts at most {_options.MaxRequestBodyBytes} (setting MaxRequestBodyBytes)."));
        }

        var contentType = request.GetHeader("Content-Type");
        if (!IsJson(contentType))
        {
            return Error(415, ErrorTypes.UnsupportedMediaType, contentType is null
                ? "The request has no Content-Type; send the body as application/json."
                : $"The Content-Type '{contentType}' is not supported; send the body as application/json.");
        }

        if (!JsonBodyReader.TryRead(request.Body.Span, out var document, out var readViolation))
        {
            outcome.Violations = [readViolation!];
            return ContractError(outcome.Violations);
        }

        var result = _requestValidator.Validate(document!);
        outcome.Warnings = result.Warnings;
        if (!result.IsValid)
        {
            outcome.Violations = result.Violations;
            return ContractError(result.Violations);
        }

        var body = (JObject)document!;
        var posted = ChatMessageJson.ReadRequest(body);
        outcome.Request = posted;

        var message = BuildMessage(posted, body["Message"] as JObject, outcome);
        outcome.Message = message;

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, ChatMessageJson.WriterOptions))
        {
            ChatMessageJson.Write(writer, message);
        }

        return new ChatMockResponse { StatusCode = 200, ContentType = JsonContentType, Body = buffer.WrittenMemory };
    }

    /// <summary>Builds the stored message as DESIGN.md D3 says: posted fields as posted, the rest from the server.</summary>
    private ChatMessage BuildMessage(AddChatMessageRequest posted, JObject? postedMessage, Outcome outcome)
    {
        var sessionId = posted.ChatSessionId;
        var sequence = _messagesPerSession.AddOrUpdate(sessionId, 1, static (_, n) => n + 1);
        var id = Interlocked.Increment(ref _lastChatMessageId);
        var whenPosted = FormatUtc(_timeProvider.GetUtcNow());

        if (posted.Message is not { } sent || postedMessage is null)
        {
            var generated = ChatMessageFaker.Generate(SessionSeed(Seed, sessionId, sequence));
            return generated with { ChatMessageId = id, ChatSessionId = sessionId, WhenPosted = whenPosted };
        }

        var warnings = new List<string>(outcome.Warnings);
        if (sent.ChatMessageId is { } sentId && sentId != 0)
        {
            warnings.Add($"/Message/ChatMessageId: {sentId} was replaced by {id}; the server assigns message ids.");
        }

        if (sent.ChatSessionId is { } sentSession && sentSession != 0 && sentSession != sessionId)
        {
            warnings.Add($"/Message/ChatSessionId: {sentSession} was replaced by {sessionId}, the ChatSessionId of the request.");
        }

        if (sent.WhenPosted is not null)
        {
            warnings.Add($"/Message/WhenPosted: '{sent.WhenPosted}' was replaced by the server's time {whenPosted}.");
        }

        outcome.Warnings = warnings;

        // A property the client left out takes the carrier's default, as SuperOffice stores it; one it sent, even
        // as null, comes back as sent.
        return ChatMessageJson.WithCarrierDefaults(sent, postedMessage) with
        {
            ChatMessageId = id,
            ChatSessionId = sessionId,
            WhenPosted = whenPosted,
        };
    }

    /// <summary>Formats a UTC instant as ISO 8601 with <c>Z</c>, without trailing zero fractions.</summary>
    internal static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The seed of the nth generated message of a session: depends only on the engine seed, the session and n, so
    /// traffic to other sessions never changes what a session gets (DESIGN.md D4). SplitMix64 mixing.
    /// </summary>
    internal static int SessionSeed(int seed, int sessionId, int sequence)
    {
        var x = Mix(((ulong)(uint)seed << 32) | (uint)sessionId);
        x = Mix(x ^ (uint)sequence);
        return (int)(x ^ (x >> 32));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = HeaderValues.MediaType(contentType);
        foreach (var json in JsonMediaTypes)
        {
            if (mediaType.Equals(json, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ChatMockResponse ContractError(IReadOnlyList<ContractViolation> violations)
    {
        var first = violations[0];
        var summary = violations.Count == 1
            ? $"The request breaks the AddChatMessage contract: {first}"
            : $"The request breaks the AddChatMessage contract in {violations.Count} places; the first: {first}";
        return Error(400, ErrorTypes.ContractViolation, summary, violations);
    }

    private static ChatMockResponse Error(int status, string errorType, string message, IReadOnlyList<ContractViolation>? violations = null) => new()
    {
        StatusCode = status,
        ContentType = ErrorEnvelope.JsonContentType,
        Body = ErrorEnvelope.ToJson(errorType, message, violations),
    };

    private RecordedCall Record(ChatMockRequest request, ChatMockResponse response, Outcome outcome, DateTimeOffset arrived, TimeSpan duration)
    {
        var call = new RecordedCall
        {
            Timestamp = arrived,
            Duration = duration,
            Request = new RecordedRequest
            {
                Method = request.Method,
                Path = request.Path,
                QueryString = request.QueryString,
                Headers = RedactedHeaders(request.Headers),
                Body = Encoding.UTF8.GetString(request.Body.Span[..Math.Min(request.Body.Length, JournalBodyLimit)]),
                BodyLength = request.Body.Length,
            },
            Operation = outcome.Operation,
            AddChatMessage = outcome.Request,
            Violations = outcome.Violations,
            Warnings = outcome.Warnings,
            Response = new RecordedResponse
            {
                StatusCode = response.StatusCode,
                ContentType = response.ContentType,
                Body = Encoding.UTF8.GetString(response.Body.Span),
                ChatMessage = outcome.Message,
            },
        };

        _journal.Record(call);
        return call;
    }

    private static KeyValuePair<string, string>[] RedactedHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var copy = new KeyValuePair<string, string>[headers.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var header = headers[i];
            copy[i] = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                ? new(header.Key, AuthorizationRedactor.Redact(header.Value))
                : header;
        }

        return copy;
    }

    /// <summary>What handling one request found out, for the journal.</summary>
    private sealed class Outcome
    {
        public string? Operation { get; set; }

        public AddChatMessageRequest? Request { get; set; }

        public ChatMessage? Message { get; set; }

        public IReadOnlyList<ContractViolation> Violations { get; set; } = [];

        public IReadOnlyList<string> Warnings { get; set; } = [];
    }
}
