using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ChatMock.Core.Tests.Robustness;
using ChatMock.Engine;
using ChatMock.Server.Tests.Behaviour;

namespace ChatMock.Server.Tests.Robustness;

/// <summary>
/// Bad inputs over HTTP, through each host's adapter: each gets a 4xx with the error envelope, and the host still
/// answers a valid request afterwards. The engine's own fuzz test (20,000 inputs) is in ChatMock.Core.Tests.
/// </summary>
[TestFixtureSource(typeof(HostKinds), nameof(HostKinds.All))]
public sealed class HostFuzzTests(HostKind kind)
{
    private const int Inputs = 400;

    [Test]
    public async Task Host_Refuses_Every_Bad_Input_With_A_4xx_Envelope_And_Keeps_Serving()
    {
        // Arrange
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHATMOCK_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 1124;
        TestContext.Out.WriteLine($"Fuzz seed {seed} (replay with CHATMOCK_FUZZ_SEED={seed})");
        var generator = new BadInputGenerator(seed);
        await using var host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { Seed = 1 });
        using var client = host.CreateAnonymousClient();
        var failures = new List<string>();
        var sent = 0;

        // Act
        for (var i = 0; i < Inputs; i++)
        {
            var (inputKind, input) = generator.Next();
            using var request = ToHttp(input);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException ex) when (ex.InnerException is null && ex.Message.Contains("ASCII", StringComparison.Ordinal))
            {
                continue; // HttpClient itself refuses non-ASCII header values; nothing reached the host.
            }

            using (response)
            {
                sent++;
                var problem = await ProblemAsync(response);
                if (problem is not null && failures.Count < 20)
                {
                    failures.Add($"#{i} {inputKind}: {problem}");
                }
            }
        }

        using var valid = await client.SendAsync(ToHttp(new ChatMockRequest
        {
            Method = "POST",
            Path = ChatMockRoutes.AddChatMessage,
            Headers = [new("Content-Type", "application/json"), new("Authorization", "Basic dGplMDpUamUw")],
            Body = """{"ChatSessionId": 403, "Message": null}"""u8.ToArray(),
        }));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"seed {seed}");
            Assert.That(sent, Is.GreaterThan(Inputs * 9 / 10));
            Assert.That(host.Engine.Journal.TotalRecorded, Is.EqualTo(sent + 1), "every call reached the engine and was recorded");
            Assert.That((int)valid.StatusCode, Is.EqualTo(200));
        });
    }

    private static HttpRequestMessage ToHttp(ChatMockRequest input)
    {
        var request = new HttpRequestMessage(new HttpMethod(input.Method), input.Path) { Content = new ByteArrayContent(input.Body.ToArray()) };
        foreach (var (name, value) in input.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status is < 400 or > 499)
        {
            return $"answered {status}: {Shorten(body)}";
        }

        try
        {
            if (response.Content.Headers.ContentType?.MediaType?.Contains("xml", StringComparison.Ordinal) == true)
            {
                var root = XDocument.Parse(body).Root!;
                return root.Name.LocalName == "Error" && root.Element("Error")?.Value == "true" ? null : "the XML answer is not the error envelope";
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("Error").GetBoolean() && json.RootElement.GetProperty("ErrorSource").GetString() == "ChatMock"
                ? null
                : "the answer is not the error envelope";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or System.Xml.XmlException)
        {
            return $"the {status} answer is not the error envelope: {Shorten(body)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
