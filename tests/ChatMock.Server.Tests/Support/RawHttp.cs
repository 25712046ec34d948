using System.Net.Sockets;
using System.Text;

namespace ChatMock.Server.Tests.Support;

/// <summary>
/// Sends one HTTP/1.1 request byte for byte as written (HttpClient would normalise <c>/./</c>, <c>..</c> and
/// backslashes before they reach the server) and reads the answer. Loopback only.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawAnswer> SendAsync(int port, string requestLine, IEnumerable<string>? headers = null, byte[]? body = null)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();

        var head = new StringBuilder(requestLine).Append("\r\nHost: localhost:").Append(port).Append("\r\nConnection: close\r\n");
        foreach (var header in headers ?? [])
        {
            head.Append(header).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }

        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return RawAnswer.Parse(answer.ToArray());
    }
}

/// <summary>An answer read off the socket: status, headers and body (as text).</summary>
internal sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawAnswer Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ') is { Length: > 1 } parts && int.TryParse(parts[1], out var code) ? code : 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new RawAnswer(status, headers, end < 0 ? string.Empty : text[(end + 4)..]);
    }
}
