using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatMock.Server.Tests.Documentation;

/// <summary>
/// requests/chatmock.http, sent as an editor's REST client sends it: every request, in order, to a fresh server; a
/// title that names a status (<c>### 400: ...</c>, <c>### Title: 200, ...</c>) is the status it must get, and no
/// request may get a 5xx. Requests that force a fault (<c>Prefer</c>) are left out: their faults are tested elsewhere.
/// </summary>
public sealed partial class RequestsFileTests
{
    [Test]
    public async Task Every_Request_Gets_The_Status_Its_Title_Names()
    {
        // Arrange
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "requests", "chatmock.http"));
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 3 });
        using var client = new HttpClient();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["baseUrl"] = server.Url.ToString().TrimEnd('/') };
        foreach (var line in lines.Where(l => l.StartsWith('@')))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            variables.TryAdd(line[1..at].Trim(), line[(at + 1)..].Trim());
        }

        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var wrong = new List<string>();
        var sent = 0;

        // Act
        foreach (var block in Blocks(lines))
        {
            if (block.Headers.Any(h => h.StartsWith("Prefer:", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            string Resolve(string text) => Placeholder().Replace(text, m => Value(m.Groups[1].Value, variables, answers, Resolve));
            var request = Resolve(block.RequestLine).Split(' ', 2);
            using var message = new HttpRequestMessage(new HttpMethod(request[0]), request[1]);
            var body = Resolve(block.Body);
            string? contentType = null;
            foreach (var header in block.Headers.Select(Resolve))
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (body.Length > 0 || contentType is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                if (contentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            using var response = await client.SendAsync(message);
            sent++;
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (Expected(block.Title) is { } expected ? status != expected : status >= 500)
            {
                wrong.Add($"{block.Title} -> {status}: {text}");
            }

            if (block.Name is { } requestName && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            {
                answers[requestName] = JsonDocument.Parse(text).RootElement.Clone();
            }
        }

        // Assert
        Assert.That(sent, Is.GreaterThan(50));
        Assert.That(wrong, Is.Empty);
    }

    private static int? Expected(string title)
    {
        var match = StatusInTitle().Match(title);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string Value(string expression, Dictionary<string, string> variables, Dictionary<string, JsonElement> answers, Func<string, string> resolve)
    {
        if (variables.TryGetValue(expression, out var value))
        {
            return resolve(value);
        }

        // {{name.response.body.$.Property}}: a property of a named request's JSON answer.
        var parts = expression.Split(".response.body.$.");
        Assert.That(parts, Has.Length.EqualTo(2), $"{{{{{expression}}}}} is no variable of the file");
        return answers[parts[0]].GetProperty(parts[1]).ToString();
    }

    private static IEnumerable<Block> Blocks(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                continue;
            }

            var title = lines[i];
            string? name = null;
            var j = i + 1;
            for (; j < lines.Length && lines[j].StartsWith('#'); j++)
            {
                if (lines[j].StartsWith("# @name ", StringComparison.Ordinal))
                {
                    name = lines[j]["# @name ".Length..].Trim();
                }
            }

            if (j >= lines.Length || lines[j].Trim().Length == 0)
            {
                continue;
            }

            var requestLine = lines[j++];
            var headers = new List<string>();
            for (; j < lines.Length && lines[j].Trim().Length > 0; j++)
            {
                headers.Add(lines[j]);
            }

            var body = new StringBuilder();
            for (; j < lines.Length && !lines[j].StartsWith("###", StringComparison.Ordinal) && !lines[j].StartsWith("# ---", StringComparison.Ordinal); j++)
            {
                body.Append(lines[j]).Append('\n');
            }

            yield return new Block(title, name, requestLine, headers, body.ToString().Trim());
            i = j - 1;
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChatMock.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ChatMock.sln was not found above the test output folder.");
    }

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Placeholder();

    // The status right after "### " or after the title's first ": ".
    [GeneratedRegex(@"^### (?:[^:]*?: )?(\d{3})\b")]
    private static partial Regex StatusInTitle();

    private sealed record Block(string Title, string? Name, string RequestLine, List<string> Headers, string Body);
}
