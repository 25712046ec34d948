using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Server.Admin;
using ChatMock.Server.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WireMock.Settings;

namespace ChatMock.Server.FrontDoor;

/// <summary>
/// Where every request to the standalone server comes in, as one middleware in front of WireMock.Net's: it decides
/// once whether a request is for the admin surface or the mocked API (<see cref="RequestTarget"/>), answers the
/// mocked API with the engine directly while it may (<see cref="DirectAnswers"/>), else reads the body and hands the
/// request to WireMock.Net's matching; an admin request passes the cross-origin guard and the admin token, has its
/// body read, and goes to <see cref="ChatMockAdmin"/>, which may forward it to WireMock.Net's own admin interface.
/// </summary>
internal sealed class ChatMockFrontDoor
{
    /// <summary>The most bytes an admin request body may have (a mapping document, once decoded).</summary>
    private const int MaxAdminBodyBytes = 16 * 1_048_576;

    /// <summary>Where WireMock.Net's admin interface answers: a path of this process, known only to the front door.</summary>
    private static readonly string WireMockAdminPath = "/__wiremock-" + Guid.NewGuid().ToString("N");

    private readonly ChatMockAdmin _admin;
    private readonly AdminToken _token;
    private readonly CrossOriginGuard _crossOrigin;
    private readonly int _maxBodyBytes;
    private ChatMockServer? _server;

    public ChatMockFrontDoor(IReadOnlyChatMockOptions options, ChatMockAdmin admin)
    {
        _admin = admin;
        _token = new AdminToken(options.AdminToken);
        _crossOrigin = new CrossOriginGuard(options.AdminOrigins);
        _maxBodyBytes = options.MaxRequestBodyBytes;
    }

    /// <summary>Puts the front door in front of WireMock.Net's middleware, and lets the admin side set what it needs.</summary>
    /// <exception cref="ChatMockOptionsException">The mapping folder does not exist.</exception>
    public WireMockServerSettings Configure(WireMockServerSettings settings)
    {
        var previous = settings.PreWireMockMiddlewareInit;
        settings.PreWireMockMiddlewareInit = app =>
        {
            var builder = (IApplicationBuilder)app;
            builder.Use(InvokeAsync);
            builder.ApplicationServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(_admin.Dispose);
            previous?.Invoke(app);
        };

        // Bodies reach WireMock.Net decoded, within MaxRequestBodyBytes: ChatMock decodes them (RequestBodyReader).
        settings.DisableRequestBodyDecompressing = true;

        // WireMock.Net's own admin interface answers only at a path nobody outside can know: every admin request
        // comes through this front door, which decides "admin" once, on the decoded path, and then forwards it there.
        settings.AdminPath = WireMockAdminPath;

        return _admin.Configure(settings);
    }

    /// <summary>Connects to the started server, and connects the admin side to it.</summary>
    public void Attach(ChatMockServer server)
    {
        _server = server;
        _admin.Attach(server);
    }

    private static bool Is(HttpRequest request, string method, string path) =>
        string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Path.Value?.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Hands an admin request to WireMock.Net's admin interface, at the path only it and this front door know.
    /// </summary>
    private static RequestDelegate ForwardToWireMock(RequestDelegate next) => async context =>
    {
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

    /// <summary>Answers one request, or hands it to <paramref name="next"/> (WireMock.Net's middleware).</summary>
    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var target = RequestTarget.Of(context.Request, WireMockAdminPath);
        switch (target.Kind)
        {
            case RequestTargetKind.Refused:
                await AdminHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, AdminErrorTypes.InvalidRequest, target.Problem!).ConfigureAwait(false);
                return;
            case RequestTargetKind.Api:
                await AnswerApiAsync(context, next).ConfigureAwait(false);
                return;
            default:
                await AnswerAdminAsync(context, next).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Answers a request of the mocked API: with the engine in front of WireMock.Net while it may, else through
    /// WireMock.Net's matching with the body read, decoded and bounded here first.
    /// </summary>
    private async Task AnswerApiAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (LivePage.IsBrowserAtRoot(request))
        {
            await LivePage.RedirectToPageAsync(context).ConfigureAwait(false);
            return;
        }

        if (_server is not { } server)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (server.DirectAnswers.Allow(request))
        {
            await server.AnswerDirectlyAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await RequestBodyReader.ReadAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.Failure is not null || body.Bytes.Length > _maxBodyBytes)
        {
            // The engine answers what cannot be read (413, 415, 400, 408) in the envelope, and records it.
            await server.AnswerDirectlyAsync(context, body).ConfigureAwait(false);
            return;
        }

        SentBodyHeaders.ReplaceBody(request, body.Bytes);
        await server.AnswerThroughWireMockAsync(context, next).ConfigureAwait(false);
    }

    /// <summary>
    /// Lets an admin request through the cross-origin guard and the admin token, reads its body, and hands it to the
    /// admin dispatch, with direct answers held while it may change the mappings.
    /// </summary>
    private async Task AnswerAdminAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
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
            await _admin.HandleAsync(context, ForwardToWireMock(next)).ConfigureAwait(false);
        }
        finally
        {
            changes?.EndChange();
        }
    }

    /// <summary>
    /// Lets the admin side refuse a request before its body is read, and reads the body of any admin request that has
    /// one into memory, decoded and bounded, for the admin handlers and the inspection.
    /// </summary>
    /// <returns>Whether the request was refused (and answered).</returns>
    private async Task<bool> PrepareAdminBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        if (_admin.RefusalBeforeBody(request) is { } refusal)
        {
            await AdminHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, AdminErrorTypes.Forbidden, refusal).ConfigureAwait(false);
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

        SentBodyHeaders.ReplaceBody(request, body.Bytes);
        return false;
    }
}
