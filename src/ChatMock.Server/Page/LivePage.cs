using ChatMock.Engine;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatMock.Server.Page;

/// <summary>
/// The live page at <c>/__admin/chatmock/ui/</c>: its three embedded assets (HTML, script, style sheet), the stream
/// of calls it reads, the stored sessions, the settings and the contract it shows. The assets hold no data and load without the admin
/// token, so that the page can ask for it; everything with data goes through the admin token like all of /__admin.
/// </summary>
internal sealed class LivePage
{
    /// <summary>What every answer of the page carries: no framing, no sniffing, nothing but its own origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private readonly ChatMockEngine _engine;
    private readonly LivePageStream _stream;
    private readonly LivePageContract _contract;

    public LivePage(ChatMockEngine engine, bool adminTokenRequired)
    {
        _engine = engine;
        AdminTokenRequired = adminTokenRequired;
        _stream = new LivePageStream(engine.Journal, Instance, LivePageChat.VersionOf(engine.Chat));
        _contract = new LivePageContract(engine.Options.ContractsPath);
    }

    /// <summary>Gets the id of this server instance: a restart makes a new one, so the page knows ids started again.</summary>
    public string Instance { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    /// <summary>Gets whether the admin token is required (the page then asks for it).</summary>
    public bool AdminTokenRequired { get; }

    /// <summary>
    /// Whether <paramref name="request"/> asks for one of the page's assets (or the page without its slash), which
    /// are served without the admin token: they are the same for everyone and hold no data.
    /// </summary>
    public static bool IsOpenAsset(HttpRequest request)
    {
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments(LivePagePaths.Page, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        return LivePageAssets.Find(rest.Value) is not null || rest.Value is null or "";
    }

    /// <summary>Whether <paramref name="request"/> is a browser opening the server's root, to be sent to the page.</summary>
    public static bool IsBrowserAtRoot(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || request.Path.Value is not "/")
        {
            return false;
        }

        return MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
            && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }

    /// <summary>Sends a browser at the root to the page (302, so that nothing caches it).</summary>
    public static Task RedirectToPageAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = LivePagePaths.Page + "/";
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    /// <summary>Answers a request whose path is below <c>/__admin/chatmock/ui</c>; <paramref name="rest"/> is what follows it.</summary>
    public Task HandleAsync(HttpContext context, PathString rest)
    {
        AddSecurityHeaders(context.Response);
        var method = context.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var name = rest.Value;
        if (name is null or "")
        {
            // Relative asset URLs need the slash.
            return RedirectAsync(context, LivePagePaths.Page + "/");
        }

        if (LivePageAssets.Find(name) is { } asset)
        {
            return isRead ? LivePageAssets.WriteAsync(context, asset, AdminTokenRequired) : AdminHttp.MethodNotAllowedAsync(context, "GET");
        }

        var endpoint = name.TrimStart('/');
        if (endpoint.StartsWith(LivePagePaths.Sessions + "/", StringComparison.Ordinal))
        {
            return isRead
                ? LivePageChat.WriteSessionAsync(context, _engine.Chat, endpoint[(LivePagePaths.Sessions.Length + 1)..])
                : AdminHttp.MethodNotAllowedAsync(context, "GET");
        }

        return endpoint switch
        {
            LivePagePaths.Sessions => isRead ? LivePageChat.WriteSessionsAsync(context, _engine.Chat) : AdminHttp.MethodNotAllowedAsync(context, "GET"),
            LivePagePaths.Events => isRead ? _stream.RunAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "GET"),
            LivePagePaths.Settings => isRead ? LivePageSettings.WriteAsync(context, _engine, Instance, AdminTokenRequired) : AdminHttp.MethodNotAllowedAsync(context, "GET"),
            LivePagePaths.Contract => isRead ? _contract.WriteAsync(context) : AdminHttp.MethodNotAllowedAsync(context, "GET"),
            _ => AdminHttp.NotFoundAsync(context, $"The live page has nothing at {context.Request.Path}; open {LivePagePaths.Page}/."),
        };
    }

    private static void AddSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
