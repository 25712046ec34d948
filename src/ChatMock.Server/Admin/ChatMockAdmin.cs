using ChatMock.Engine;
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
    private readonly ChatMockEngine _engine;
    private readonly string? _mappingsFolder;
    private readonly AdminToken _token;
    private readonly ChatMockJournalApi _journalApi;
    private readonly WireMockJournalApi _wireMockApi;
    private readonly MappingCallRecorder _recorder;
    private readonly LivePage _page;
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
        _wireMockApi = new WireMockJournalApi(engine);
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

        if (_mappingsFolder is not null)
        {
            if (!Directory.Exists(_mappingsFolder))
            {
                throw new ChatMockOptionsException([$"MappingsPath: the folder '{_mappingsFolder}' does not exist."]);
            }

            settings.FileSystemHandler = new MappingsFolderFileSystemHandler(_mappingsFolder);
            settings.ReadStaticMappings = true;

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
            _watcher = new MappingsFolderWatcher(_mappingsFolder, server.OwnWireMock, server.DirectAnswers, _logger);
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
            if (LivePage.IsBrowserAtRoot(request))
            {
                await LivePage.RedirectToPageAsync(context).ConfigureAwait(false);
            }
            else if (_server is { } server && server.DirectAnswers.Allow(request))
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
        // The live page's files hold no data: they load without the token, so that the page can ask for it.
        var exempt = HttpMethods.IsOptions(request.Method) || Is(request, HttpMethods.Get, AdminPaths.Health) || LivePage.IsOpenAsset(request);
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
        var request = context.Request;
        if (request.Path.StartsWithSegments(LivePagePaths.Page, StringComparison.OrdinalIgnoreCase, out var pageRest))
        {
            await _page.HandleAsync(context, pageRest).ConfigureAwait(false);
        }
        else if (request.Path.StartsWithSegments(AdminPaths.ChatMock, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            await _journalApi.HandleAsync(context, rest).ConfigureAwait(false);
        }
        else if (Is(request, HttpMethods.Post, AdminPaths.RequestsCount))
        {
            await _wireMockApi.CountAsync(context).ConfigureAwait(false);
        }
        else if (Is(request, HttpMethods.Get, AdminPaths.RequestsUnmatched))
        {
            await _wireMockApi.UnmatchedAsync(context).ConfigureAwait(false);
        }
        else if (Is(request, HttpMethods.Post, AdminPaths.Reset))
        {
            await ResetAllAsync(context).ConfigureAwait(false);
        }
        else
        {
            await next(context).ConfigureAwait(false);
            AfterWireMockAdmin(request);
        }
    }

    /// <summary>Keeps ChatMock in step with what WireMock's own admin endpoints just did.</summary>
    private void AfterWireMockAdmin(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return;
        }

        // DELETE /__admin/mappings and POST /__admin/mappings/reset remove every mapping, the engine's too.
        if (request.Path.StartsWithSegments(AdminPaths.Mappings, StringComparison.OrdinalIgnoreCase))
        {
            EnsureEngineMapping();
        }

        // Resetting WireMock's request log resets the journal that /__admin/requests/count counts.
        if (Is(request, HttpMethods.Delete, AdminPaths.Requests) || Is(request, HttpMethods.Post, AdminPaths.RequestsReset))
        {
            _engine.Reset();
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
            if (_mappingsFolder is not null)
            {
                server.OwnWireMock.ReadStaticMappings(_mappingsFolder);
            }

            EnsureEngineMapping();
        }

        _engine.Reset();
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
