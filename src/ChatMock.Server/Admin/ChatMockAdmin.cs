using ChatMock.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireMock.Settings;

namespace ChatMock.Server.Admin;

/// <summary>
/// The admin side of the standalone server, as one middleware in front of WireMock.Net's: the admin token over
/// every <c>/__admin</c> endpoint, ChatMock's journal API, the journal endpoints WireMock.Net lacks, the folder of
/// mapping files, and the engine's catch-all mapping kept alive when WireMock's admin API removes mappings.
/// </summary>
internal sealed class ChatMockAdmin : IDisposable
{
    private readonly ChatMockEngine _engine;
    private readonly string? _mappingsFolder;
    private readonly AdminToken _token;
    private readonly ChatMockJournalApi _journalApi;
    private readonly WireMockJournalApi _wireMockApi;
    private readonly WireMockMappingsApi _mappingsApi;
    private readonly WireMockStubs _stubs;
    private MappingFiles? _files;
    private readonly MappingCallRecorder _recorder;
    private readonly ILogger _logger;
    private ChatMockServer? _server;
    private MappingsFolderWatcher? _watcher;

    public ChatMockAdmin(ChatMockEngine engine, TimeProvider? timeProvider, ILoggerFactory loggerFactory)
    {
        _engine = engine;
        var options = engine.Options;
        _token = new AdminToken(options.AdminToken);
        _mappingsFolder = string.IsNullOrEmpty(options.MappingsPath) ? null : Path.GetFullPath(options.MappingsPath);
        _journalApi = new ChatMockJournalApi(engine);
        _stubs = new WireMockStubs(() => _server?.OwnWireMock);
        _wireMockApi = new WireMockJournalApi(engine, new CallIds(), _stubs, () => _server?.OwnWireMock.ResetLogEntries());
        _mappingsApi = new WireMockMappingsApi(_stubs, () => _server?.OwnWireMock, () => _files, EnsureEngineMapping);
        _logger = loggerFactory.CreateLogger<ChatMockAdmin>();
        _recorder = new MappingCallRecorder(engine.Journal, timeProvider ?? TimeProvider.System, _logger);
    }

    /// <summary>
    /// Puts the admin middleware in front of WireMock.Net's and points WireMock at the mapping folder, if any.
    /// </summary>
    /// <exception cref="ChatMockOptionsException">The mapping folder does not exist.</exception>
    public WireMockServerSettings Configure(WireMockServerSettings settings)
    {
        var previous = settings.PreWireMockMiddlewareInit;
        settings.PreWireMockMiddlewareInit = app =>
        {
            var builder = (IApplicationBuilder)app;
            builder.Use(InvokeAsync);
            builder.ApplicationServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(Dispose);
            previous?.Invoke(app);
        };

        if (_mappingsFolder is not null)
        {
            if (!Directory.Exists(_mappingsFolder))
            {
                throw new ChatMockOptionsException([$"MappingsPath: the folder '{_mappingsFolder}' does not exist."]);
            }

            settings.FileSystemHandler = new MappingsFolderFileSystemHandler(_mappingsFolder);

            // Read by MappingFiles once the server runs: WireMock.Net's reading mangles files in WireMock's format.
            settings.ReadStaticMappings = false;

            // Watched by MappingsFolderWatcher rather than WireMock.Net's watcher, which misses files copied in.
            settings.WatchStaticMappings = false;
        }

        return settings;
    }

    /// <summary>Connects to the started server: restores its engine mapping and watches the mapping folder until it stops.</summary>
    public void Attach(ChatMockServer server)
    {
        _server = server;
        if (_mappingsFolder is not null)
        {
            _files = new MappingFiles(_mappingsFolder, server.OwnWireMock, _stubs, _logger);
            server.DirectAnswers.BeginChange();
            try
            {
                _files.LoadAll();
            }
            finally
            {
                server.DirectAnswers.EndChange();
            }

            _watcher = new MappingsFolderWatcher(_mappingsFolder, _files, server.DirectAnswers, _logger);
        }
    }

    /// <summary>Hands WireMock.Net's account of each request to the recorder of calls the engine did not answer.</summary>
    public void OnRequestAnswered(WireMock.Admin.Requests.LogEntryModel entry, bool isAdminRequest) =>
        _recorder.OnRequestAnswered(entry, isAdminRequest);

    /// <summary>Stops watching the mapping folder; called when WireMock.Net's host stops.</summary>
    public void Dispose() => _watcher?.Dispose();

    private static bool Is(HttpRequest request, string method, string path) =>
        string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Path.Value?.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase);

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(AdminPaths.Admin, StringComparison.OrdinalIgnoreCase))
        {
            if (_server is { } server && server.DirectAnswers.Allow(request))
            {
                await server.AnswerDirectlyAsync(context).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }

            return;
        }

        // A CORS preflight carries no credentials, and health probes (Docker, Kubernetes) should need no secret.
        var exempt = HttpMethods.IsOptions(request.Method) || Is(request, HttpMethods.Get, AdminPaths.Health);
        if (!exempt && _token.Refusal(request) is { } refusal)
        {
            await AdminHttp.WriteErrorAsync(
                context, StatusCodes.Status401Unauthorized, AdminErrorTypes.Unauthorized, refusal, ("WWW-Authenticate", AdminToken.Challenge)).ConfigureAwait(false);
            return;
        }

        // Whatever may change the mappings keeps the engine from answering in front of WireMock.Net until it is done.
        var changes = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            ? null
            : _server?.DirectAnswers;
        changes?.BeginChange();
        try
        {
            await HandleAdminAsync(context, next).ConfigureAwait(false);
        }
        finally
        {
            changes?.EndChange();
        }
    }

    private async Task HandleAdminAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await DispatchAdminAsync(context, next).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is InvalidOperationException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            // A value of the wrong JSON type or form in an admin body that no reader checked: still the caller's mistake.
            await AdminHttp.BadRequestAsync(context, "The admin request could not be read: " + ex.Message).ConfigureAwait(false);
        }
    }

    private async Task DispatchAdminAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(AdminPaths.ChatMock, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            await _journalApi.HandleAsync(context, rest).ConfigureAwait(false);
            return;
        }

        request.Path.StartsWithSegments(AdminPaths.Admin, StringComparison.OrdinalIgnoreCase, out var below);
        var segments = (below.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (await _wireMockApi.TryHandleAsync(context, segments).ConfigureAwait(false)
            || await _mappingsApi.TryHandleAsync(context, segments).ConfigureAwait(false))
        {
            return;
        }

        if (segments is ["reset"])
        {
            await (HttpMethods.IsPost(request.Method) ? ResetAllAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "POST")).ConfigureAwait(false);
        }
        else if (WireMockNetAdminRoutes.Answers(request, segments))
        {
            await PassToWireMockNetAsync(context, next).ConfigureAwait(false);
            AfterWireMockAdmin(request);
        }
        else if (WireMockNetAdminRoutes.Methods(segments) is { Length: > 0 } allowed)
        {
            await AdminHttp.MethodNotAllowedAsync(context, string.Join(", ", allowed)).ConfigureAwait(false);
        }
        else
        {
            await AdminHttp.NotFoundAsync(context, $"No admin endpoint at {request.Path}. WireMock's admin API is under /__admin (mappings, requests, near-misses, scenarios, reset), ChatMock's under /__admin/chatmock.").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Lets WireMock.Net's admin API answer, with its errors (<c>{"Status": "..."}</c>, or a stack trace for a mapping
    /// it cannot convert) put in WireMock's error format like every other admin error.
    /// </summary>
    private static async Task PassToWireMockNetAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode < 400)
        {
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var status = response.StatusCode >= 500 ? StatusCodes.Status400BadRequest : response.StatusCode;
        var detail = WireMockNetStatus(buffer.ToArray()) ?? "WireMock.Net refused the request.";
        response.Headers.Remove("Content-Length");
        await AdminHttp.WriteErrorAsync(context, status, status == StatusCodes.Status404NotFound ? AdminErrorTypes.NotFound : AdminErrorTypes.InvalidRequest, detail).ConfigureAwait(false);
    }

    /// <summary>The first line of WireMock.Net's <c>Status</c> (a stack trace is cut to its message).</summary>
    private static string? WireMockNetStatus(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("Status", out var status) && status.GetString() is { Length: > 0 } text)
            {
                var line = text.Split('\n', 2)[0].Trim();
                return line.Length > 500 ? line[..500] : line;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    /// <summary>Keeps ChatMock in step with what WireMock's own admin endpoints just did.</summary>
    private void AfterWireMockAdmin(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return;
        }

        // DELETE /__admin/mappings removes every mapping, the engine's too; a deleted stub is forgotten.
        if (request.Path.StartsWithSegments(AdminPaths.Mappings, StringComparison.OrdinalIgnoreCase))
        {
            EnsureEngineMapping();
            _stubs.Prune();
        }
    }

    /// <summary>
    /// <c>POST /__admin/reset</c>, as WireMock has it: mappings back to the default state (the files of the mapping
    /// folder and the engine), scenarios and the request journal reset. Message ids go on.
    /// </summary>
    private Task ResetAllAsync(HttpContext context)
    {
        if (_server is { } server)
        {
            server.OwnWireMock.ResetMappings();
            server.OwnWireMock.ResetScenarios();
            server.OwnWireMock.ResetLogEntries();
            _stubs.Prune();
            _files?.LoadAll();
            EnsureEngineMapping();
        }

        _engine.Reset();
        _wireMockApi.ForgetRemoved();
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Status", "Mappings, scenarios and requests reset");
            writer.WriteEndObject();
        });
    }

    private void EnsureEngineMapping()
    {
        if (_server is { } server && !server.OwnWireMock.Mappings.Any(m => m.Guid == ChatMockServer.EngineMappingGuid))
        {
            server.AddEngineMapping();
        }
    }
}
