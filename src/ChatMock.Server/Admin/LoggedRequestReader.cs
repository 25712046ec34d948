using System.Text;
using System.Text.Json.Nodes;
using ChatMock.Journal;
using ChatMock.Server.Admin.Patterns;

namespace ChatMock.Server.Admin;

/// <summary>
/// Reads a request sent in WireMock's <c>LoggedRequest</c> shape (<c>url</c>, <c>method</c>, <c>headers</c>,
/// <c>body</c> or <c>bodyAsBase64</c>) as a call, so that stubs can be scored against it.
/// </summary>
internal static class LoggedRequestReader
{
    /// <summary>Makes a call to score from a logged request.</summary>
    /// <exception cref="PatternException">A field is not of the type WireMock gives it.</exception>
    public static RecordedCall Read(JsonObject request)
    {
        var url = Text(request, "url") ?? "/";
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        if (request["headers"] is JsonObject sentHeaders)
        {
            foreach (var (name, value) in sentHeaders)
            {
                foreach (var item in value is JsonArray array ? array.Select(v => v?.ToString() ?? string.Empty) : [value?.ToString() ?? string.Empty])
                {
                    headers.Add(new(name, item));
                }
            }
        }

        string body;
        try
        {
            body = Text(request, "body") ?? (Text(request, "bodyAsBase64") is { } base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(base64)) : string.Empty);
        }
        catch (FormatException)
        {
            throw new PatternException("/bodyAsBase64", "'bodyAsBase64' must be base64 text.");
        }

        return new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest
            {
                Method = Text(request, "method") ?? "GET",
                Path = query < 0 ? url : url[..query],
                QueryString = query < 0 ? string.Empty : url[query..],
                Headers = headers,
                Body = body,
                BodyLength = Encoding.UTF8.GetByteCount(body),
            },
            Response = new RecordedResponse { StatusCode = 404 },
        };
    }

    private static string? Text(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new PatternException("/" + name, $"'{name}' must be a string."),
    };
}
