using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatMock.Server.Tests.Documentation;

/// <summary>
/// README.md's "The chat API" walkthrough, run as written: each curl command of the section is sent to a fresh server,
/// in order, and each answer must equal the JSON the README shows under it, but for the times and the session key,
/// which come from the clock.
/// </summary>
public sealed class ReadmeWalkthroughTests
{
    private static readonly string[] ClockProperties = ["WhenRequested", "WhenIdle", "WhenPosted", "SessionKey"];

    [Test]
    public async Task Chat_Api_Walkthrough_Answers_What_The_Readme_Shows()
    {
        // Arrange
        var (commands, shown) = Walkthrough(File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md")));
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 42 });
        using var client = new HttpClient();

        // Act
        var answers = new List<string>();
        foreach (var command in commands)
        {
            using var request = ToRequest(command, server.Url);
            using var response = await client.SendAsync(request);
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{command} answered {(int)response.StatusCode}");
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        // Assert
        Assert.That(commands, Has.Count.EqualTo(5), "the walkthrough's curl commands");
        Assert.That(answers.Select(Masked), Is.EqualTo(shown.Select(Masked)));
    }

    /// <summary>The curl commands of the section and the JSON lines it shows, each in order.</summary>
    private static (List<string> Commands, List<string> Shown) Walkthrough(string[] readme)
    {
        var start = Array.IndexOf(readme, "## The chat API");
        var end = Array.FindIndex(readme, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        var commands = new List<string>();
        var shown = new List<string>();
        string? fence = null;
        var command = new StringBuilder();
        foreach (var line in readme[(start + 1)..end])
        {
            if (fence is null && line.StartsWith("```", StringComparison.Ordinal))
            {
                fence = line[3..];
            }
            else if (line == "```")
            {
                fence = null;
            }
            else if (fence == "bash")
            {
                command.Append(line.TrimEnd('\\').Trim()).Append(' ');
                if (!line.EndsWith('\\'))
                {
                    commands.Add(command.ToString().Trim());
                    command.Clear();
                }
            }
            else if (fence == "json")
            {
                shown.Add(line);
            }
        }

        return (commands, shown);
    }

    /// <summary>A curl command of the walkthrough as a request: -u, -H, -d and -X, the URL on the test's server.</summary>
    private static HttpRequestMessage ToRequest(string command, Uri server)
    {
        var words = ShellWords(command);
        Assert.That(words[0], Is.EqualTo("curl"));
        string? method = null, body = null, url = null;
        var headers = new List<(string, string)>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-s":
                    break;
                case "-u":
                    headers.Add(("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(words[++i]))));
                    break;
                case "-H":
                    var header = words[++i];
                    headers.Add((header[..header.IndexOf(':', StringComparison.Ordinal)], header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()));
                    break;
                case "-d":
                    body = words[++i];
                    break;
                case "-X":
                    method = words[++i];
                    break;
                default:
                    url = words[i];
                    break;
            }
        }

        var target = new Uri(server, new Uri(url!).PathAndQuery);
        var request = new HttpRequestMessage(new HttpMethod(method ?? (body is null ? "GET" : "POST")), target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = null;
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>Splits a command line into words as a POSIX shell does for single-quoted words.</summary>
    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in command)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The answer with the clock's values replaced, and the transcript's times too.</summary>
    private static string Masked(string json)
    {
        var node = JsonNode.Parse(json);
        Mask(node);
        var text = node!.ToJsonString();
        return System.Text.RegularExpressions.Regex.Replace(text, @"\[\d{4}-\d\d-\d\dT[\d:.]+Z\]", "[time]");
    }

    private static void Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in ClockProperties.Where(n => obj[n] is not null))
                {
                    obj[name] = "(clock)";
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Mask(item);
                }

                break;
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
}
