using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Server.FrontDoor;
using ChatMock.Server.Page;
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
    /// <summary>The most bytes an admin request body may have (a mapping document, once decoded).</summary>
    private const int MaxAdminBodyBytes = 16 * 1_048_576;

    /// <summary>Where WireMock.Net's admin interface answers: a path of this process, known only to the front door.</summary>
    private static readonly string WireMockAdminPath = "/__wiremock-" + Guid.NewGuid().ToString("N");

    private readonly ChatMockEngine _engine;
    private readonly string? _mappingsFolder;
    private readonly AdminToken _token;
    private readonly CrossOriginGuard _crossOrigin;
    private readonly MappingInspector _inspector;
    private readonly int _maxBodyBytes;
    private readonly ChatMockJournalApi _journalApi;
    private readonly ChatStateApi _stateApi;
    private readonly WireMockJournalApi _wireMockApi;
    private readonly WireMockMappingsApi _mappingsApi;
    private readonly WireMockStubs _stubs;
    private MappingFiles? _files;
    private readonly MappingCallRecorder _recorder;
    private readonly LivePage _page;
    private readonly ILogger _logger;
    private readonly bool _allowFiles;
    private ChatMockServer? _server;
    private MappingsFolderWatcher? _watcher;

    public ChatMockAdmin(ChatMockEngine engine, TimeProvider? timeProvider, ILoggerFactory loggerFactory)
    {
        _engine = engine;
        var options = engine.Options;
        _mappingsFolder = string.IsNullOrEmpty(options.MappingsPath) ? null : Path.GetFullPath(options.MappingsPath);
        _token = new AdminToken(options.AdminToken);
        _crossOrigin = new CrossOriginGuard(options.AdminOrigins);
        _inspector = new MappingInspector(options.AllowMappingFiles, options.AllowMappingProxies, _mappingsFolder);
        _maxBodyBytes = options.MaxRequestBodyBytes;
        _allowFiles = options.AllowMappingFiles;
        _journalApi = new ChatMockJournalApi(engine);
        _stateApi = new ChatStateApi(engine, timeProvider);
        _stubs = new WireMockStubs(() => _server?.OwnWireMock);
        _wireMockApi = new WireMockJournalApi(engine, new CallIds(), _stubs, () => _server?.OwnWireMock.ResetLogEntries());
        _mappingsApi = new WireMockMappingsApi(_stubs, () => _server?.OwnWireMock, () => _files, EnsureEngineMapping);
        _logger = loggerFactory.CreateLogger<ChatMockAdmin>();
        _recorder = new MappingCallRecorder(engine.Journal, timeProvider ?? TimeProvider.System, _logger);
        _page = new LivePage(engine, _token.IsRequired);
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

        // WireMock.Net reads and writes files only through this, confined to the mapping folder (DESIGN.md D11).
        settings.FileSystemHandler = new ConfinedFileSystemHandler(_mappingsFolder, _inspector, _allowFiles, _logger);

        // Bodies reach WireMock.Net decoded, within MaxRequestBodyBytes: ChatMock decodes them (RequestBodyReader).
        settings.DisableRequestBodyDecompressing = true;

        // WireMock.Net's own admin interface answers only at a path nobody outside can know: every admin request
        // comes through this front door, which decides "admin" once, on the decoded path, and then forwards it there.
        settings.AdminPath = WireMockAdminPath;

        if (_mappingsFolder is not null)
        {
            if (!Directory.Exists(_mappingsFolder))
            {
                throw new ChatMockOptionsException([$"MappingsPath: the folder '{_mappingsFolder}' does not exist."]);
            }

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
        var target = RequestTarget.Of(request, WireMockAdminPath);
        if (target.Kind == RequestTargetKind.Refused)
        {
            await AdminHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, AdminErrorTypes.InvalidRequest, target.Problem!).ConfigureAwait(false);
            return;
        }

        if (target.Kind == RequestTargetKind.Api)
        {
            await AnswerApiAsync(context, next).ConfigureAwait(false);
            return;
        }

        if (_crossOrigin.Refusal(request) is { } crossOrigin)
        {
            await AdminHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, AdminErrorTypes.Forbidden, crossOrigin).ConfigureAwait(false);
            return;
        }

        // An OPTIONS request (a same-origin one: others were refused above) is answered here, without CORS headers;
        // WireMock.Net's admin interface has no answer for it.
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.Allow = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
            return;
        }

        // Health probes (Docker, Kubernetes) should need no secret. The live page's files hold no data: they load
        // without the token, so that the page can ask for it.
        var exempt = Is(request, HttpMethods.Get, AdminPaths.Health) || LivePage.IsOpenAsset(request);
        if (!exempt && _token.Refusal(request) is { } refusal)
        {
            await AdminHttp.WriteErrorAsync(
                context, StatusCodes.Status401Unauthorized, AdminErrorTypes.Unauthorized, refusal, ("WWW-Authenticate", AdminToken.Challenge)).ConfigureAwait(false);
            return;
        }

        if (await PrepareAdminBodyAsync(context).ConfigureAwait(false))
        {
            return;
        }

        // Whatever may change the mappings keeps the engine from answering in front of WireMock.Net until it is done.
        var changes = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? null
            : _server?.DirectAnswers;
        changes?.BeginChange();
        try
        {
            await HandleAdminAsync(context, ForwardToWireMock(next)).ConfigureAwait(false);
        }
        finally
        {
            changes?.EndChange();
        }
    }

    /// <summary>
    /// Answers a request of the mocked API: with the engine in front of WireMock.Net while it may, else through
    /// WireMock.Net's matching with the body read, decoded and bounded here first.
    /// </summary>
    private async Task AnswerApiAsync(HttpContext context, RequestDelegate next)
    {
        if (LivePage.IsBrowserAtRoot(context.Request))
        {
            await LivePage.RedirectToPageAsync(context).ConfigureAwait(false);
            return;
        }

        if (_server is not { } server)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (server.DirectAnswers.Allow(context.Request))
        {
            await server.AnswerDirectlyAsync(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var body = await RequestBodyReader.ReadAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.Failure is not null || body.Bytes.Length > _maxBodyBytes)
        {
            // The engine answers what cannot be read (413, 415, 400, 408) in the envelope, and records it.
            await server.AnswerDirectlyAsync(context, body).ConfigureAwait(false);
            return;
        }

        ReplaceBody(request, body.Bytes);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses the file endpoints without <see cref="ChatMockOptions.AllowMappingFiles"/>, and reads the body of any
    /// admin request that has one into memory, decoded and bounded, for the admin handlers and the inspection.
    /// </summary>
    /// <returns>Whether the request was refused (and answered).</returns>
    private async Task<bool> PrepareAdminBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        if (request.Path.StartsWithSegments(AdminPaths.Files, StringComparison.OrdinalIgnoreCase) && !_allowFiles)
        {
            await AdminHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, AdminErrorTypes.Forbidden,
                "The file endpoints need the setting AllowMappingFiles (--allow-mapping-files true) and a MappingsPath.").ConfigureAwait(false);
            return true;
        }

        var body = await RequestBodyReader.ReadAsync(request, MaxAdminBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.Failure is not null || body.Bytes.Length > MaxAdminBodyBytes)
        {
            await AdminHttp.WriteErrorAsync(
                context,
                body.Failure?.StatusCode ?? StatusCodes.Status413PayloadTooLarge,
                AdminErrorTypes.InvalidRequest,
                body.Failure?.Message ?? $"Admin request bodies are limited to {MaxAdminBodyBytes} bytes.").ConfigureAwait(false);
            return true;
        }

        ReplaceBody(request, body.Bytes);
        return false;
    }

    /// <summary>Puts a body read (and decoded) by ChatMock in place of the one that came in.</summary>
    private static void ReplaceBody(HttpRequest request, ReadOnlyMemory<byte> bytes)
    {
        request.Headers.Remove("Content-Encoding");
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes.ToArray(), writable: false);
    }

    /// <summary>What <see cref="MappingInspector"/> says of a mapping or settings change, or null when it may go on.</summary>
    private async Task<string?> InspectionRefusalAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsDelete(request.Method))
        {
            return null;
        }

        var settings = request.Path.StartsWithSegments(AdminPaths.Settings, StringComparison.OrdinalIgnoreCase);
        if (!settings && !request.Path.StartsWithSegments(AdminPaths.Mappings, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The body was read, decoded and bounded into memory by PrepareAdminBodyAsync.
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return settings ? _inspector.SettingsRefusal(text) : _inspector.Refusal(text);
    }

    /// <summary>
    /// Hands an admin request to WireMock.Net's admin interface, at the path only it and this front door know. A
    /// mapping or settings document is inspected first (<see cref="MappingInspector"/>): whatever ChatMock translates
    /// itself has been answered before this point, so this sees exactly what WireMock.Net would read.
    /// </summary>
    private RequestDelegate ForwardToWireMock(RequestDelegate next) => async context =>
    {
        if (await InspectionRefusalAsync(context.Request).ConfigureAwait(false) is { } refusal)
        {
            // Written as WireMock.Net writes its refusals; PassToWireMockNetAsync turns it into WireMock's error format.
            await AdminHttp.WriteJsonAsync(context, StatusCodes.Status403Forbidden, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("Status", refusal);
                writer.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var path = request.Path;
        if (path.StartsWithSegments(AdminPaths.Admin, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            request.Path = new PathString(WireMockAdminPath).Add(rest);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            request.Path = path;
        }
    };

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
        if (request.Path.StartsWithSegments(LivePagePaths.Page, StringComparison.OrdinalIgnoreCase, out var pageRest))
        {
            await _page.HandleAsync(context, pageRest).ConfigureAwait(false);
        }
        else if (request.Path.StartsWithSegments(AdminPaths.ChatMock, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            await (ChatStateApi.Serves(rest) ? _stateApi.HandleAsync(context, rest) : _journalApi.HandleAsync(context, rest)).ConfigureAwait(false);
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
        var title = status switch
        {
            StatusCodes.Status404NotFound => AdminErrorTypes.NotFound,
            StatusCodes.Status403Forbidden => AdminErrorTypes.Forbidden,
            _ => AdminErrorTypes.InvalidRequest,
        };
        await AdminHttp.WriteErrorAsync(context, status, title, detail).ConfigureAwait(false);
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
