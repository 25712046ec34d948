using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Bodies;
using ChatMock.Contracts;
using ChatMock.FakeData;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Protocol;
using Newtonsoft.Json.Linq;

namespace ChatMock.Engine;

/// <summary>
/// The host-agnostic ChatMock engine: one request in, one response out, the call recorded. The in-memory host and
/// the standalone server are thin adapters over it.
/// </summary>
public sealed class ChatMockEngine
{
    private const string TextContentType = "text/plain; charset=utf-8";
    /// <summary>The most violations one answer lists; one more entry counts the rest.</summary>
    internal const int MaxViolationsReported = 100;

    /// <summary>The most characters of a violation's path or message an answer shows.</summary>
    private const int MaxViolationText = 300;

    private const int JournalBodyLimit = 64 * 1024;

    private long _recordingFailures;

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

        Request body: {"ChatSessionId": <int32>, "Message": <ChatMessage or null>}
          as application/json, text/json, application/json-patch+json, application/merge-patch+json,
          application/xml, text/xml or application/x-www-form-urlencoded.
        Response: 200 with the stored ChatMessage: ChatMessageId, ChatSessionId, Type, Message, Author,
          ReadByCustomer, SpecialType, SpecialParam, WhenPosted; JSON or XML by Accept.
        Query: $select=<comma-separated property names> keeps only those properties.
        Headers: Authorization (Basic, SoTicket, Bearer) or X-XSRF-TOKEN; Accept-Language, SO-Language,
          SO-Culture, SO-TimeZone, SO-AppToken.

        Served by ChatMock, a mock of the SuperOffice WebAPI.
        """);

    private readonly ChatMockOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CallJournal _journal;
    private readonly ContractSchemas _schemas;
    private readonly ContractValidator _requestValidator;
    private readonly Authenticator _authenticator;
    private readonly Cors _cors;
    private readonly string[] _chatMessageProperties;
    private readonly ConcurrentDictionary<int, int> _messagesPerSession = new();
    private int _lastChatMessageId;

    /// <summary>Initializes a new instance of the <see cref="ChatMockEngine"/> class.</summary>
    /// <param name="options">The settings; validated, and copied so later changes to them have no effect.</param>
    /// <param name="timeProvider">The clock of <c>WhenPosted</c>, the journal and delays; the system clock when null.</param>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public ChatMockEngine(ChatMockOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options?.Clone() ?? new ChatMockOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        Seed = _options.Seed ?? Random.Shared.Next();
        _journal = new CallJournal(_options.JournalCapacity, _options.JournalMaxBytes);
        _schemas = string.IsNullOrEmpty(_options.ContractsPath)
            ? ContractSchemas.Embedded
            : ContractSchemas.FromFolder(_options.ContractsPath);
        _requestValidator = new ContractValidator(_schemas.Request, _options.RejectUnknownProperties);
        _authenticator = new Authenticator(_options);
        _cors = new Cors(_options.CorsOrigins);
        _chatMessageProperties = [.. _schemas.ChatMessage.ActualProperties.Keys];
        _lastChatMessageId = _options.FirstChatMessageId - 1;
    }

    /// <summary>Gets the settings the engine runs with.</summary>
    public ChatMockOptions Options => _options.Clone();

    /// <summary>Gets the seed of the generated data: the configured one, or the one chosen at random at start.</summary>
    public int Seed { get; }

    /// <summary>Gets the record of every call answered.</summary>
    public ICallJournal Journal => _journal;

    /// <summary>Gets the journal itself, for the admin API's reads that filter calls by their summaries.</summary>
    internal CallJournal CallJournal => _journal;

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

    /// <summary>Gets how many calls could not be recorded (answered all the same); 0 unless something is badly wrong.</summary>
    internal long RecordingFailures => Interlocked.Read(ref _recordingFailures);

    /// <summary>Answers one request, records it, and waits the answer's delay on the engine's clock.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the delay.</param>
    /// <returns>The response, with <see cref="ChatMockResponse.Call"/> set to what the journal recorded.</returns>
    public async ValueTask<ChatMockResponse> HandleAsync(ChatMockRequest request, CancellationToken cancellationToken = default)
    {
        var response = Handle(request);
        await DelayAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Waits the delay of <paramref name="response"/> (<see cref="ChatMockResponse.Delay"/>) on the engine's clock.</summary>
    /// <param name="response">An answer of <see cref="Handle"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the delay has passed.</returns>
    public Task DelayAsync(ChatMockResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Delay > TimeSpan.Zero ? Task.Delay(response.Delay, _timeProvider, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Answers one request and records it, without waiting its delay. Never throws for anything the request contains.
    /// </summary>
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
            response = WithCors(request, Route(request, outcome));
            response.Delay = outcome.Delay;
        }
#pragma warning disable CA1031 // A bug in the engine must still give the client an answer, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response = Error(ResponseFormat.Json, 500, ErrorTypes.Internal, "ChatMock failed while answering this request: " + ex.Message);
        }

        response.Call = Record(request, response, outcome, arrived, _timeProvider.GetElapsedTime(started));
        return response;
    }

    private ChatMockResponse Route(ChatMockRequest request, Outcome outcome)
    {
        var isCall = ChatMockRoutes.IsAddChatMessage(request.Path);
        if (IsMethod(request, "OPTIONS"))
        {
            return AnswerOptions(request, isCall);
        }

        var format = ContentNegotiation.Negotiate(request.GetHeader("Accept"), request.GetHeader("Content-Type"));
        if (!isCall)
        {
            return Error(format ?? ResponseFormat.Json, 404, ErrorTypes.NotFound, $"No operation at {Echo.Of(request.Path, 200)}. ChatMock serves POST {ChatMockRoutes.AddChatMessage}.");
        }

        outcome.Operation = "AddChatMessage";
        if (IsMethod(request, "GET"))
        {
            return new ChatMockResponse { StatusCode = 200, ContentType = TextContentType, Body = CallDescription };
        }

        if (!IsMethod(request, "POST"))
        {
            return Error(format ?? ResponseFormat.Json, 405, ErrorTypes.MethodNotAllowed,
                $"{request.Method} is not allowed on {ChatMockRoutes.AddChatMessage}; use POST (or GET for a description of the call).",
                headers: [new("Allow", "GET, POST, OPTIONS")]);
        }

        if (format is null)
        {
            return Error(ResponseFormat.Json, 406, ErrorTypes.NotAcceptable,
                $"None of the media types in 'Accept: {Echo.Of(request.GetHeader("Accept"))}' can be answered; ChatMock answers {ContentNegotiation.SupportedList}.");
        }

        return AddChatMessage(request, format, outcome);
    }

    private ChatMockResponse AddChatMessage(ChatMockRequest request, ResponseFormat format, Outcome outcome)
    {
        // Faults first: a front end asking for a slow, dropped or failed answer gets it whatever else it sent.
        if (!PreferHeader.TryParse(request.GetHeader("Prefer"), out var prefer, out var preferProblem))
        {
            return Error(format, 400, ErrorTypes.InvalidHeader, preferProblem!);
        }

        outcome.Delay = ChooseDelay(prefer);
        if (prefer.Drop)
        {
            outcome.Fault = "fault=drop";
            return new ChatMockResponse { StatusCode = 0, ContentType = string.Empty, Body = ReadOnlyMemory<byte>.Empty, DropConnection = true };
        }

        var authentication = _authenticator.Check(request);
        outcome.Credentials = authentication.Credentials;
        if (!authentication.IsAccepted)
        {
            return Error(format, 401, ErrorTypes.Authentication, authentication.Problem!, headers: [new("WWW-Authenticate", Authenticator.Challenge)]);
        }

        SuperOfficeTimeZone? timeZone = null;
        if (request.GetHeader("SO-TimeZone") is { } timeZoneHeader && !string.IsNullOrWhiteSpace(timeZoneHeader)
            && !SuperOfficeTimeZone.TryParse(timeZoneHeader, out timeZone))
        {
            return Error(format, 400, ErrorTypes.InvalidHeader,
                $"The SO-TimeZone header '{Echo.Of(timeZoneHeader)}' names no time zone ChatMock knows; use a SuperOffice code or id, optionally with ', includeTZOffset': {SuperOfficeTimeZone.KnownCodes}.");
        }

        if (request.BodyFailure is { } failure)
        {
            return Error(format, failure.StatusCode, failure.ErrorType, failure.Message);
        }

        if (request.Body.Length > _options.MaxRequestBodyBytes)
        {
            return Error(format, 413, ErrorTypes.RequestTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body has {request.Body.Length} bytes; ChatMock accepts at most {_options.MaxRequestBodyBytes} (setting MaxRequestBodyBytes)."));
        }

        var contentType = request.GetHeader("Content-Type");
        var kind = BodyKindOf(contentType);
        if (kind == BodyKind.Unsupported)
        {
            return Error(format, 415, ErrorTypes.UnsupportedMediaType, contentType is null
                ? "The request has no Content-Type; send the body as application/json (or XML, or form fields)."
                : $"The Content-Type '{Echo.Of(contentType)}' is not supported; use application/json, text/json, application/json-patch+json, application/merge-patch+json, application/xml, text/xml or application/x-www-form-urlencoded.");
        }

        JToken? document;
        ContractViolation? readViolation;
        var read = kind switch
        {
            BodyKind.Xml => XmlBodyReader.TryRead(request.Body, _schemas.Request, out document, out readViolation),
            BodyKind.Form => FormBodyReader.TryRead(request.Body.Span, _schemas.Request, out document, out readViolation),
            _ => JsonBodyReader.TryRead(request.Body.Span, out document, out readViolation),
        };
        if (!read)
        {
            outcome.Violations = Reported([readViolation!], 1);
            return ContractError(format, outcome.Violations, 1);
        }

        var result = _requestValidator.Validate(document!);
        if (!result.IsValid)
        {
            outcome.Violations = Reported(result.Violations, result.TotalViolations);
            outcome.Warnings = result.Warnings.Count > 0 ? [.. result.Warnings.Take(MaxViolationsReported)] : null;
            return ContractError(format, outcome.Violations, result.TotalViolations);
        }

        var warnings = new List<string>(result.Warnings);
        outcome.Warnings = warnings;
        var body = (JObject)document!;
        var posted = ChatMessageJson.ReadRequest(body);
        outcome.Request = posted;

        if (prefer.Code is { } code)
        {
            outcome.Fault = "code=" + code.ToString(CultureInfo.InvariantCulture);
            return Forced(format, code, posted.ChatSessionId);
        }

        var select = SelectQuery.Parse(request.QueryString, _chatMessageProperties);
        if (select is not null)
        {
            warnings.AddRange(select.Unknown.Select(name => $"$select: '{name}' is no property of ChatMessage; it was ignored."));
        }

        var locale = FakeDataLocale.Choose(request.GetHeader("SO-Language"), request.GetHeader("Accept-Language"));
        var message = BuildMessage(posted, body["Message"] as JObject, locale, timeZone, warnings);
        if (select is not null)
        {
            message = Select(message, select.Properties);
        }

        if (format.IsXml && ChatMessageXml.Unwritable(message) is var (field, character))
        {
            return Error(format, 406, ErrorTypes.NotAcceptable, string.Create(CultureInfo.InvariantCulture,
                $"The message's {field} holds the character U+{character:X4}, which XML 1.0 cannot carry; ask for JSON (Accept: application/json) to get it back as posted."));
        }

        outcome.Message = message;
        return new ChatMockResponse
        {
            StatusCode = 200,
            ContentType = format.ContentType,
            Body = format.IsXml ? ChatMessageXml.Write(message) : WriteJson(message),
        };
    }

    /// <summary>Builds the stored message as DESIGN.md D3 says: posted fields as posted, the rest from the server.</summary>
    private ChatMessage BuildMessage(AddChatMessageRequest posted, JObject? postedMessage, string locale, SuperOfficeTimeZone? timeZone, List<string> warnings)
    {
        var sessionId = posted.ChatSessionId;
        var sequence = _messagesPerSession.AddOrUpdate(sessionId, 1, static (_, n) => n + 1);
        var id = Interlocked.Increment(ref _lastChatMessageId);
        var now = _timeProvider.GetUtcNow();
        var whenPosted = timeZone?.Format(now) ?? FormatUtc(now);

        if (posted.Message is not { } sent || postedMessage is null)
        {
            var generated = ChatMessageFaker.Generate(SessionSeed(Seed, sessionId, sequence), locale);
            return generated with { ChatMessageId = id, ChatSessionId = sessionId, WhenPosted = whenPosted };
        }

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

        // A property the client left out takes the carrier's default, as SuperOffice stores it; one it sent, even
        // as null, comes back as sent.
        return ChatMessageJson.WithCarrierDefaults(sent, postedMessage) with
        {
            ChatMessageId = id,
            ChatSessionId = sessionId,
            WhenPosted = whenPosted,
        };
    }

    /// <summary>Nulls out every property <c>$select</c> did not name.</summary>
    private static ChatMessage Select(ChatMessage message, HashSet<string> keep) => new()
    {
        ChatMessageId = keep.Contains("ChatMessageId") ? message.ChatMessageId : null,
        ChatSessionId = keep.Contains("ChatSessionId") ? message.ChatSessionId : null,
        Type = keep.Contains("Type") ? message.Type : null,
        Message = keep.Contains("Message") ? message.Message : null,
        Author = keep.Contains("Author") ? message.Author : null,
        ReadByCustomer = keep.Contains("ReadByCustomer") ? message.ReadByCustomer : null,
        SpecialType = keep.Contains("SpecialType") ? message.SpecialType : null,
        SpecialParam = keep.Contains("SpecialParam") ? message.SpecialParam : null,
        WhenPosted = keep.Contains("WhenPosted") ? message.WhenPosted : null,
    };

    private static byte[] WriteJson(ChatMessage message) => JsonBytes.Write(message, ChatMessageJson.Write);

    private TimeSpan ChooseDelay(PreferHeader prefer)
    {
        if (prefer.DelayMilliseconds is { } asked)
        {
            return TimeSpan.FromMilliseconds(asked);
        }

        var min = _options.MinDelayMilliseconds;
        var max = Math.Max(min, _options.MaxDelayMilliseconds);
        return max == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(min == max ? min : Random.Shared.Next(min, max + 1));
    }

    private ChatMockResponse AnswerOptions(ChatMockRequest request, bool isCall)
    {
        var origin = request.GetHeader("Origin");
        if (origin is not null && request.GetHeader("Access-Control-Request-Method") is not null)
        {
            return _cors.IsAllowed(origin)
                ? new ChatMockResponse { StatusCode = 204, ContentType = TextContentType, Body = ReadOnlyMemory<byte>.Empty, Headers = Cors.PreflightHeaders(origin) }
                : Error(ResponseFormat.Json, 403, ErrorTypes.Forbidden, $"The origin '{origin}' may not call ChatMock; allowed: {string.Join(", ", _options.CorsOrigins)} (setting CorsOrigins).");
        }

        return isCall
            ? new ChatMockResponse { StatusCode = 204, ContentType = TextContentType, Body = ReadOnlyMemory<byte>.Empty, Headers = [new("Allow", "GET, POST, OPTIONS")] }
            : Error(ResponseFormat.Json, 404, ErrorTypes.NotFound, $"No operation at {Echo.Of(request.Path, 200)}. ChatMock serves POST {ChatMockRoutes.AddChatMessage}.");
    }

    /// <summary>Adds the CORS headers to an answer for an allowed origin (preflight answers have them already).</summary>
    private ChatMockResponse WithCors(ChatMockRequest request, ChatMockResponse response)
    {
        var origin = request.GetHeader("Origin");
        if (origin is null || response.DropConnection || !_cors.IsAllowed(origin) || response.Headers.Any(h => h.Key == "Access-Control-Allow-Origin"))
        {
            return response;
        }

        return new ChatMockResponse
        {
            StatusCode = response.StatusCode,
            ContentType = response.ContentType,
            Body = response.Body,
            DropConnection = response.DropConnection,
            Headers = [.. response.Headers, .. Cors.ResponseHeaders(origin)],
        };
    }

    private static ChatMockResponse Forced(ResponseFormat format, int code, int chatSessionId)
    {
        var suffix = $" (forced by Prefer: code={code})";
        return code switch
        {
            400 => Error(format, 400, ErrorTypes.ContractViolation, "The request was refused as a bad request" + suffix + "."),
            401 => Error(format, 401, ErrorTypes.Authentication, "The credentials were refused" + suffix + ".", headers: [new("WWW-Authenticate", Authenticator.Challenge)]),
            404 => Error(format, 404, ErrorTypes.NotFound, $"ChatSession id {chatSessionId} not found{suffix}."),
            503 => Error(format, 503, ErrorTypes.ServiceUnavailable, "The service is unavailable" + suffix + ".", headers: [new("Retry-After", "5")]),
            _ => Error(format, 500, ErrorTypes.Forced, "An unexpected error occurred on the server" + suffix + "."),
        };
    }

    private static bool IsMethod(ChatMockRequest request, string method) =>
        string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase);

    private static BodyKind BodyKindOf(string? contentType)
    {
        if (contentType is null)
        {
            return BodyKind.Unsupported;
        }

        var mediaType = HeaderValues.MediaType(contentType);
        foreach (var json in JsonMediaTypes)
        {
            if (mediaType.Equals(json, StringComparison.OrdinalIgnoreCase))
            {
                return BodyKind.Json;
            }
        }

        if (ContentNegotiation.IsXmlMediaType(contentType))
        {
            return BodyKind.Xml;
        }

        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? BodyKind.Form : BodyKind.Unsupported;
    }

    /// <summary>
    /// Formats a UTC instant as ISO 8601 with <c>Z</c>, without trailing zero fractions: what the custom format
    /// <c>yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'</c> gives, written digit by digit (it runs once per answer).
    /// </summary>
    internal static string FormatUtc(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        Span<char> text = stackalloc char[28];
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), utc.Second);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            text[19] = '.';
            Digits(text.Slice(20, 7), fraction);
            length = 27;
            while (text[length - 1] == '0')
            {
                length--;
            }
        }

        text[length++] = 'Z';
        return new string(text[..length]);
    }

    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

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

    /// <summary>
    /// The violations as answered and recorded: at most <see cref="MaxViolationsReported"/>, then one that counts the
    /// rest, each path and message cut to a few hundred characters, so that an answer never echoes a body back many
    /// times over.
    /// </summary>
    private static IReadOnlyList<ContractViolation> Reported(IReadOnlyList<ContractViolation> violations, int total)
    {
        if (total == violations.Count && total <= MaxViolationsReported && !HasLongText(violations))
        {
            // The usual case, as it is: no copy.
            return violations;
        }

        var kept = Math.Min(violations.Count, MaxViolationsReported);
        var reported = new List<ContractViolation>(kept + 1);
        for (var i = 0; i < kept; i++)
        {
            var violation = violations[i];
            reported.Add(violation.Path.Length <= MaxViolationText && violation.Message.Length <= MaxViolationText
                ? violation
                : new ContractViolation(Cut(violation.Path), Cut(violation.Message)));
        }

        if (total > kept)
        {
            reported.Add(new ContractViolation(string.Empty, string.Create(CultureInfo.InvariantCulture,
                $"{total - kept} more violations are not listed; the request breaks the contract in {total} places.")));
        }

        return reported;

        static string Cut(string text) => text.Length <= MaxViolationText ? text : string.Concat(text.AsSpan(0, MaxViolationText), "…");
    }

    private static bool HasLongText(IReadOnlyList<ContractViolation> violations)
    {
        for (var i = 0; i < violations.Count; i++)
        {
            if (violations[i].Path.Length > MaxViolationText || violations[i].Message.Length > MaxViolationText)
            {
                return true;
            }
        }

        return false;
    }

    private static ChatMockResponse ContractError(ResponseFormat format, IReadOnlyList<ContractViolation> violations, int total)
    {
        var first = violations[0];
        var summary = total == 1
            ? $"The request breaks the AddChatMessage contract: {first}"
            : string.Create(CultureInfo.InvariantCulture, $"The request breaks the AddChatMessage contract in {total} places; the first: {first}");
        return Error(format, 400, ErrorTypes.ContractViolation, summary, violations);
    }

    private static ChatMockResponse Error(
        ResponseFormat format,
        int status,
        string errorType,
        string message,
        IReadOnlyList<ContractViolation>? violations = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null) => new()
        {
            StatusCode = status,
            ContentType = format.ContentType,
            Body = format.IsXml ? ErrorEnvelope.ToXml(errorType, message, violations) : ErrorEnvelope.ToJson(errorType, message, violations),
            Headers = headers ?? [],
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
                // A copy: the host may reuse its buffer, and it may be far larger than the body.
                BodyUtf8 = request.Body.Span[..Math.Min(request.Body.Length, JournalBodyLimit)].ToArray(),
                BodyLength = request.Body.Length,
            },
            Operation = outcome.Operation,
            AddChatMessage = outcome.Request,
            Violations = outcome.Violations,
            Warnings = outcome.Warnings is { Count: > 0 } warnings ? warnings : [],
            Credentials = outcome.Credentials,
            Delay = response.Delay,
            Fault = outcome.Fault,
            Response = new RecordedResponse
            {
                StatusCode = response.StatusCode,
                ContentType = response.ContentType,
                // The engine's own answer, never changed once made: no copy.
                BodyUtf8 = response.Body,
                ChatMessage = outcome.Message,
            },
        };

        try
        {
            _journal.Record(call);
        }
#pragma warning disable CA1031 // Recording never fails a request (DESIGN.md D6): the call is answered, and counted as not kept.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _recordingFailures);
        }

        return call;
    }

    /// <summary>Copies the headers for the journal, their secrets redacted (<see cref="HeaderRedaction"/>).</summary>
    private static KeyValuePair<string, string>[] RedactedHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var copy = new KeyValuePair<string, string>[headers.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var header = headers[i];
            copy[i] = HeaderRedaction.IsSecret(header.Key)
                ? new(header.Key, Redactions.GetOrAdd(header.Value, header.Key, static (value, name) => HeaderRedaction.Redact(name!, value!)))
                : header;
        }

        return copy;
    }

    private static readonly HeaderValueCache<string> Redactions = new();

    private enum BodyKind
    {
        Unsupported,
        Json,
        Xml,
        Form,
    }

    /// <summary>What handling one request found out, for the journal.</summary>
    private sealed class Outcome
    {
        public string? Operation { get; set; }

        public AddChatMessageRequest? Request { get; set; }

        public ChatMessage? Message { get; set; }

        public Credentials? Credentials { get; set; }

        public TimeSpan Delay { get; set; }

        public string? Fault { get; set; }

        public IReadOnlyList<ContractViolation> Violations { get; set; } = [];

        public List<string>? Warnings { get; set; }
    }
}
