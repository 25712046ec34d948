using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Page;

/// <summary>The page's three files, embedded in the server (no network, no build step): read once, served from memory.</summary>
internal static class LivePageAssets
{
    private const string ResourcePrefix = "ChatMock.Server.Page.Assets.";

    // Where index.html says whether the admin token is needed: the page asks for it before its first request.
    private const string TokenPlaceholder = "{{ADMIN_TOKEN}}";

    private static readonly FrozenDictionary<string, Asset> Assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        ["/"] = Load("index.html", "text/html; charset=utf-8"),
        ["/page.js"] = Load("page.js", "text/javascript; charset=utf-8"),
        ["/page.css"] = Load("page.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Returns the asset at <paramref name="path"/> below the page (<c>/</c>, <c>/page.js</c>, <c>/page.css</c>), or null.</summary>
    public static Asset? Find(string? path) => path is not null && Assets.TryGetValue(path, out var asset) ? asset : null;

    /// <summary>Writes <paramref name="asset"/>; the page is told whether it must ask for the admin token.</summary>
    public static async Task WriteAsync(HttpContext context, Asset asset, bool adminTokenRequired)
    {
        var bytes = adminTokenRequired ? asset.BytesWithToken : asset.Bytes;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = bytes.Length;

        // The assets change with the server's version only; no-cache still lets the browser revalidate cheaply.
        response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(LivePageAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The live page's asset '{name}' is not embedded in ChatMock.Server.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        return new Asset(
            contentType,
            Encoding.UTF8.GetBytes(text.Replace(TokenPlaceholder, "none", StringComparison.Ordinal)),
            Encoding.UTF8.GetBytes(text.Replace(TokenPlaceholder, "required", StringComparison.Ordinal)));
    }

    /// <summary>One embedded file and its media type, as served without and with an admin token configured.</summary>
    internal sealed record Asset(string ContentType, byte[] Bytes, byte[] BytesWithToken);
}
