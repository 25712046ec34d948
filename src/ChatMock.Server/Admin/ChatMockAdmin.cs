using ChatMock.Engine;
using ChatMock.Server.FrontDoor;
using ChatMock.Server.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WireMock.Settings;

namespace ChatMock.Server.Admin;

/// <summary>
/// The admin side of the standalone server, behind the front door (<see cref="ChatMockFrontDoor"/>, which
/// has checked the admin token and read the body): the live page, ChatMock's journal API, the journal and mapping
/// endpoints ChatMock answers in WireMock's dialect, the folder of mapping files, WireMock.Net's own admin API with
/// its mapping documents inspected first, and the engine's catch-all mapping kept alive when that API removes mappings.
/// </summary>
internal sealed class ChatMockAdmin : IDisposable
{
    private readonly ChatMockEngine _engine;
    private readonly string? _mappingsFolder;
    private readonly MappingInspector _inspector;
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
    private readonly AdminPrefixRoute[] _prefixRoutes;
    private ChatMockServer? _server;
    private MappingsFolderWatcher? _watcher;

    public ChatMockAdmin(ChatMockEngine engine, TimeProvider? timeProvider, ILoggerFactory loggerFactory)
    {
        _engine = engine;
        var options = engine.Options;
        _mappingsFolder = string.IsNullOrEmpty(options.MappingsPath) ? null : Path.GetFullPath(options.MappingsPath);
        _inspector = new MappingInspector(options.AllowMappingFiles, options.AllowMappingProxies, _mappingsFolder);
        _allowFiles = options.AllowMappingFiles;
        _journalApi = new ChatMockJournalApi(engine);
        _stateApi = new ChatStateApi(engine, timeProvider);
        _stubs = new WireMockStubs(() => _server?.OwnWireMock);
        _wireMockApi = new WireMockJournalApi(engine, new CallIds(), _stubs, () => _server?.OwnWireMock.ResetLogEntries());
        _mappingsApi = new WireMockMappingsApi(_stubs, () => _server?.OwnWireMock, () => _files, EnsureEngineMapping);
        _logger = loggerFactory.CreateLogger<ChatMockAdmin>();
        _recorder = new MappingCallRecorder(engine.Journal, timeProvider ?? TimeProvider.System, _logger);
        _page = new LivePage(engine, !string.IsNullOrEmpty(options.AdminToken));

        // ChatMock's own endpoints, each area below its prefix: the first whose prefix the path starts with answers.
        // The prefixes are checked in order, so a longer one goes above a shorter one it is below.
        _prefixRoutes =
        [
            new(LivePagePaths.Page, _page.HandleAsync),
            new(AdminPaths.ChatMock, (context, rest) => ChatStateApi.Serves(rest) ? _stateApi.HandleAsync(context, rest) : _journalApi.HandleAsync(context, rest)),
        ];
    }

    /// <summary>Points WireMock.Net at the mapping folder, if any, through a file system confined to it.</summary>
    /// <exception cref="ChatMockOptionsException">The mapping folder does not exist.</exception>
    public WireMockServerSettings Configure(WireMockServerSettings settings)
    {
        // WireMock.Net reads and writes files only through this, confined to the mapping folder (DESIGN.md D11).
        settings.FileSystemHandler = new ConfinedFileSystemHandler(_mappingsFolder, _inspector, _allowFiles, _logger);

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

        // The body was read, decoded and bounded into memory by the front door.
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return settings ? _inspector.SettingsRefusal(text) : _inspector.Refusal(text);
    }

    /// <summary>
    /// Answers an admin request the front door let through, its body already read into memory.
    /// </summary>
    /// <param name="context">The admin request.</param>
    /// <param name="wireMockAdmin">Hands the request to WireMock.Net's own admin interface.</param>
    public async Task HandleAsync(HttpContext context, RequestDelegate wireMockAdmin)
    {
        try
        {
            await DispatchAsync(context, wireMockAdmin).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is InvalidOperationException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            // A value of the wrong JSON type or form in an admin body that no reader checked: still the caller's mistake.
            await AdminHttp.BadRequestAsync(context, "The admin request could not be read: " + ex.Message).ConfigureAwait(false);
        }
    }

    /// <summary>What refuses a request with a body before that body is read, or null when it may go on.</summary>
    public string? RefusalBeforeBody(HttpRequest request) =>
        request.Path.StartsWithSegments(AdminPaths.Files, StringComparison.OrdinalIgnoreCase) && !_allowFiles
            ? "The file endpoints need the setting AllowMappingFiles (--allow-mapping-files true) and a MappingsPath."
            : null;

    private async Task DispatchAsync(HttpContext context, RequestDelegate wireMockAdmin)
    {
        var request = context.Request;
        foreach (var route in _prefixRoutes)
        {
            if (request.Path.StartsWithSegments(route.Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
            {
                await route.HandleAsync(context, rest).ConfigureAwait(false);
                return;
            }
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
            await AdminHttp.AnswerByMethodAsync(context, ("POST", ResetAllAsync)).ConfigureAwait(false);
        }
        else if (WireMockNetAdminRoutes.Answers(request, segments))
        {
            await PassToWireMockNetAsync(context, Inspected(wireMockAdmin)).ConfigureAwait(false);
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
    /// Inspects a mapping or settings document (<see cref="MappingInspector"/>) before WireMock.Net's admin interface
    /// reads it: whatever ChatMock translates itself has been answered before this point, so this sees exactly what
    /// WireMock.Net would read.
    /// </summary>
    private RequestDelegate Inspected(RequestDelegate wireMockAdmin) => async context =>
    {
        if (await InspectionRefusalAsync(context.Request).ConfigureAwait(false) is { } refusal)
        {
            // Written as WireMock.Net writes its refusals; PassToWireMockNetAsync turns it into WireMock's error format.
            await AdminHttp.WriteStatusAsync(context, StatusCodes.Status403Forbidden, refusal).ConfigureAwait(false);
            return;
        }

        await wireMockAdmin(context).ConfigureAwait(false);
    };

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
        return AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Mappings, scenarios and requests reset");
    }

    private void EnsureEngineMapping()
    {
        if (_server is { } server && !server.OwnWireMock.Mappings.Any(m => m.Guid == ChatMockServer.EngineMappingGuid))
        {
            server.AddEngineMapping();
        }
    }

    /// <summary>An area of ChatMock's admin endpoints: what answers every request below <paramref name="Prefix"/>.</summary>
    /// <param name="Prefix">The path the area is below, such as <c>/__admin/chatmock</c>.</param>
    /// <param name="HandleAsync">Answers a request, given the path below the prefix.</param>
    private sealed record AdminPrefixRoute(string Prefix, Func<HttpContext, PathString, Task> HandleAsync);
}
