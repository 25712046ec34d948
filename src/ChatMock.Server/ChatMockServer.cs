using System.Globalization;
using System.Runtime.InteropServices;
using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Journal;
using ChatMock.Server.Admin;
using ChatMock.Server.FrontDoor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace ChatMock.Server;

/// <summary>
/// The standalone ChatMock server: a WireMock.Net server whose lowest-priority catch-all mapping hands every
/// request to the engine (DESIGN.md D7), so a user's own WireMock mappings win over it. While that mapping is the
/// only one, the engine answers in front of WireMock.Net's matching, which could choose nothing else
/// (<see cref="DirectAnswers"/>).
/// </summary>
public sealed partial class ChatMockServer : IDisposable
{
    /// <summary>The id of the catch-all mapping, as <c>/__admin/mappings</c> lists it.</summary>
    internal static readonly Guid EngineMappingGuid = new("c4a7b0a1-3e57-4c2b-9a61-0c4a7b0a13e5");

    /// <summary>The priority of the catch-all mapping; mappings with a smaller number (the default is 0) win.</summary>
    internal const int EnginePriority = 1_000_000;

    private readonly CallLog _callLog;

    private readonly IHttpContextAccessor _httpContext;

    private readonly WireMockServer _wireMock;

    private readonly int _maxBodyBytes;

    private ChatMockServer(WireMockServer wireMock, ChatMockEngine engine, ILogger logger, TimeProvider timeProvider, IHttpContextAccessor httpContext, ChatMockFrontDoor frontDoor)
    {
        FrontDoor = frontDoor;
        _httpContext = httpContext;
        _wireMock = wireMock;
        Engine = engine;
        _maxBodyBytes = engine.Options.MaxRequestBodyBytes;
        _callLog = new CallLog(logger, engine.Options.CallLinesPerSecond, timeProvider);
        DirectAnswers = new DirectAnswers(wireMock, engine.Options.DirectAnswers);
    }

    /// <summary>Gets the WireMock.Net server, for adding mappings of one's own.</summary>
    /// <remarks>
    /// ChatMock cannot see what is done through it, so from the first time it is read every request goes through
    /// WireMock.Net's matching, and a mapping added through it takes effect at once.
    /// </remarks>
    public WireMockServer WireMock
    {
        get
        {
            DirectAnswers.TurnOff();
            return _wireMock;
        }
    }

    /// <summary>Gets the engine that answers the calls no other mapping takes.</summary>
    internal ChatMockEngine Engine { get; }

    /// <summary>Gets the chat state (topics, sessions and their messages), to read or seed from a test in the same process.</summary>
    public ChatMock.Chat.IChatStore Chat => Engine.Chat;

    /// <summary>Gets the record of every call the engine answered.</summary>
    public ICallJournal Journal => Engine.Journal;

    /// <summary>Gets the port the server listens on (the chosen one when the options asked for 0).</summary>
    public int Port => _wireMock.Port;

    /// <summary>Gets the WireMock.Net server for ChatMock's own use, leaving direct answers on.</summary>
    internal WireMockServer OwnWireMock => _wireMock;

    /// <summary>Gets where every request comes in (for the benchmarks' plain loop).</summary>
    internal ChatMockFrontDoor FrontDoor { get; }

    /// <summary>Gets what decides whether a request is answered in front of WireMock.Net's matching.</summary>
    internal DirectAnswers DirectAnswers { get; }

    /// <summary>Gets the address of the server on the loopback interface, such as <c>http://localhost:8080</c>.</summary>
    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{Port}"));

    /// <summary>
    /// Forgets every recorded call, between tests; with <paramref name="resetIds"/>, message ids and the generated
    /// conversation of every session also start again. The one way to reset, as on <c>ChatMockTestHost</c> and <c>ChatMockRemote</c>.
    /// </summary>
    /// <param name="resetIds">Whether to reset the message id counter and the per-session generators.</param>
    public void Reset(bool resetIds = false) => Engine.Reset(resetIds);

    /// <summary>Starts a server.</summary>
    /// <param name="options">The settings; validated at start.</param>
    /// <param name="loggerFactory">Where the one line per call goes; nowhere when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <returns>The started server.</returns>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public static ChatMockServer Start(ChatMockOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        var engine = new ChatMockEngine(options, timeProvider);
        var settings = engine.Options;
        loggerFactory ??= NullLoggerFactory.Instance;

        // The callback sees only WireMock's request message; the accessor gives it the HttpContext, so that
        // Prefer: fault=drop can abort the connection for real (WireMock's own faults still answer 200). It is set
        // only for the requests that go through WireMock.Net's matching (AnswerThroughWireMockAsync): registered with
        // the host, it would be set for every request, and every await after it would carry it.
        var httpContext = new HttpContextAccessor();
        var admin = new ChatMockAdmin(engine, timeProvider, loggerFactory);
        var frontDoor = new ChatMockFrontDoor(settings, admin);
        var wireMock = WireMockServer.Start(frontDoor.Configure(new WireMockServerSettings
        {
            Port = settings.Port,
            StartAdminInterface = true,
            MaxRequestLogCount = settings.WireMockLogCapacity,
            Logger = new WireMockLoggerAdapter(loggerFactory.CreateLogger("WireMock"), admin.OnRequestAnswered),
            // WireMock.Net's host sends ASP.NET Core's logs on to the adapter above, so its hosting logger is on: on
            // for any level, it makes an Activity and a log scope for every request (about 2% of the server's time
            // under load) for "Request starting" lines the adapter logs one level down, at Debug, and nobody reads.
            AdditionalServiceRegistration = services => services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)),
        }));

        if (settings.WireMockLogCapacity > 0)
        {
            WireMockLogRedaction.Attach(wireMock);
        }

        var server = new ChatMockServer(wireMock, engine, loggerFactory.CreateLogger<ChatMockServer>(), timeProvider ?? TimeProvider.System, httpContext, frontDoor);
        server.AddEngineMapping();
        frontDoor.Attach(server);
        return server;
    }

    /// <summary>Adds the catch-all mapping that sends requests to the engine (again, after a mappings reset).</summary>
    internal void AddEngineMapping()
    {
        DirectAnswers.BeginChange();
        try
        {
            _wireMock
                .Given(Request.Create().WithPath("/*").UsingAnyMethod())
                .WithGuid(EngineMappingGuid)
                .WithTitle("ChatMock engine")
                .WithDescription("Validates AddChatMessage requests against the contract, answers generated ChatMessages and records every call.")
                .AtPriority(EnginePriority)
                // No status code or header on the builder: they would override what the callback returns (DESIGN.md D7).
                .RespondWith(Response.Create().WithCallback(Answer));
        }
        finally
        {
            DirectAnswers.EndChange();
        }
    }

    /// <summary>Stops the server.</summary>
    public void Stop()
    {
        _wireMock.Stop();
        _callLog.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _wireMock.Dispose();
        _callLog.Dispose();
    }

    /// <summary>Answers a request with the engine in front of WireMock.Net (<see cref="DirectAnswers"/> allowed it).</summary>
    internal async Task AnswerDirectlyAsync(HttpContext context, RequestBody? body = null)
    {
        var answer = await ChatMockHttpAdapter.AnswerAsync(context, Engine, _maxBodyBytes, body).ConfigureAwait(false);
        DirectAnswers.CountAnswered();
        await _callLog.WriteAsync(answer.Call).ConfigureAwait(false);
    }

    /// <summary>Hands a request to WireMock.Net's matching, with its HttpContext where the engine's callback finds it.</summary>
    internal async Task AnswerThroughWireMockAsync(HttpContext context, RequestDelegate wireMock)
    {
        _httpContext.HttpContext = context;
        try
        {
            await wireMock(context).ConfigureAwait(false);
        }
        finally
        {
            _httpContext.HttpContext = null;
        }
    }

    private async Task<IResponseMessage> Answer(IRequestMessage request)
    {
        // The engine records the body headers as sent, not as the front door rewrote them for WireMock.Net.
        var sent = SentBodyHeaders.Of(_httpContext.HttpContext);
        var headers = new List<KeyValuePair<string, string>>(request.Headers?.Count ?? 0);
        if (request.Headers is not null)
        {
            foreach (var header in request.Headers)
            {
                if (sent is not null && SentBodyHeaders.Holds(header.Key))
                {
                    continue;
                }

                foreach (var value in header.Value)
                {
                    headers.Add(new(header.Key, value));
                }
            }
        }

        sent?.AddTo(headers);

        var answer = Engine.Handle(new ChatMockRequest
        {
            Method = request.Method,
            Path = request.Path,
            QueryString = string.IsNullOrEmpty(request.RawQuery) ? string.Empty : "?" + request.RawQuery.TrimStart('?'),
            Headers = headers,
            Body = request.BodyAsBytes ?? request.BodyData?.BodyAsBytes ?? [],
        });
        await Engine.DelayAsync(answer).ConfigureAwait(false);

        await _callLog.WriteAsync(answer.Call).ConfigureAwait(false);
        if (answer.DropConnection && _httpContext.HttpContext is { } context)
        {
            context.Abort();
            return new ResponseMessage { StatusCode = 499, BodyData = new BodyData { DetectedBodyType = BodyType.None } };
        }

        var responseHeaders = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = new(answer.ContentType),
        };
        foreach (var header in answer.Headers)
        {
            responseHeaders[header.Key] = new(header.Value);
        }

        // WireMock.Net passes no Content-Length on and would send the body chunked; the direct path (and IIS) send
        // the length, so it is set on the response WireMock.Net is about to write.
        if (_httpContext.HttpContext is { } http)
        {
            http.Response.ContentLength = answer.Body.Length;
        }

        return new ResponseMessage
        {
            StatusCode = answer.StatusCode,
            Headers = responseHeaders,
            BodyData = new BodyData { BodyAsBytes = WholeArray(answer.Body), DetectedBodyType = BodyType.Bytes },
        };
    }

    /// <summary>The engine's answer bytes as an array: the engine's own array when the answer fills it (no copy).</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : body.ToArray();
}
