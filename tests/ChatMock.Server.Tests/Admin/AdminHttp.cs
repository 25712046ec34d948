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

    /// <summary>Sends a request and returns the status code and the JSON answer.</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static Task<(int Status, JsonElement Body)> GetAsync(HttpClient client, string url) => SendAsync(client, HttpMethod.Get, url);

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
