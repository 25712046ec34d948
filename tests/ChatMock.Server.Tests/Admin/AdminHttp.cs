using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChatMock.Server.Tests.Admin;

/// <summary>
/// What a test in any language does against the standalone server: plain HTTP and JSON, no ChatMock types.
/// </summary>
internal static class AdminHttp
{
    public const string CallPath = "/api/v1/Agents/Chat/AddChatMessage";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Posts an AddChatMessage body with the documentation sample's credentials; returns the status code.</summary>
    public static async Task<int> PostCallAsync(HttpClient client, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>The <c>User-Agent</c> of WireMock's Java client, which picks WireMock's dialect where a request has no body to go by.</summary>
    public const string JavaClientAgent = "Apache-HttpClient/5.4.4 (Java/17.0.15)";

    /// <summary>Sends a request and returns the status code and the JSON answer; with <paramref name="userAgent"/>, as that client.</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (json is not null)
        {
            request.Content = Json(json);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Returns the one error of an answer in WireMock's error format: its code, title, detail and pointer (null when none).</summary>
    public static (int Code, string Title, string Detail, string? Pointer) Error(JsonElement body)
    {
        var error = body.GetProperty("errors").EnumerateArray().Single();
        var pointer = error.TryGetProperty("source", out var source) ? source.GetProperty("pointer").GetString() : null;
        return (error.GetProperty("code").GetInt32(), error.GetProperty("title").GetString()!, error.GetProperty("detail").GetString()!, pointer);
    }

    public static Task<(int Status, JsonElement Body)> GetAsync(HttpClient client, string url, string? userAgent = null) => SendAsync(client, HttpMethod.Get, url, null, userAgent);

    public static long[] Ids(JsonElement list, string member = "calls") =>
        [.. list.GetProperty(member).EnumerateArray().Select(c => c.GetProperty(member == "calls" ? "id" : "callId").GetInt64())];

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes (for file watching).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!timeout.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return await condition();
    }
}
