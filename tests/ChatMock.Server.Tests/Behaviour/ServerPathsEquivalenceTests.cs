using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Server.Tests.Behaviour;

/// <summary>
/// The standalone server's two paths to the engine, side by side: the same request, sent to a server that answers
/// directly and to one whose answers go through WireMock.Net's matching, gets the same status, headers and body.
/// </summary>
public sealed class ServerPathsEquivalenceTests
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";
    private const string Sample = """{"ChatSessionId": 403, "Message": null}""";
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Headers that differ between any two answers, whichever path: the time of the answer.</summary>
    private static readonly HashSet<string> Unstable = new(StringComparer.OrdinalIgnoreCase) { "Date" };

    /// <summary>Marks a request to be sent without the default credentials.</summary>
    private static readonly HttpRequestOptionsKey<bool> Anonymous = new("anonymous");

    private HostUnderTest _direct = null!;
    private HostUnderTest _throughWireMock = null!;

    /// <summary>Requests of every kind the protocol has: answers, refusals, negotiation, CORS, forced errors.</summary>
    public static IEnumerable<TestCaseData> Requests()
    {
        yield return Case("json sample", () => Post(Sample, "application/json; charset=utf-8", ("Accept", "application/json"), ("Accept-Language", "fr,de")));
        yield return Case("json with message", () => Post("""{"ChatSessionId": 7, "Message": {"Type": "ToCustomer", "Message": "Hi", "Author": "Ola"}}""", "application/json"));
        yield return Case("json violation", () => Post("""{"ChatSessionId": "abc", "Extra": 1}""", "application/json"));
        yield return Case("json malformed", () => Post("""{"ChatSessionId": 4""", "application/json"));
        yield return Case("empty body", () => Post(string.Empty, "application/json"));
        yield return Case("no content type", () => Post(Sample, null));
        yield return Case("unsupported content type", () => Post(Sample, "text/plain"));
        yield return Case("xml body", () => Post("<AddChatMessage><ChatSessionId>12</ChatSessionId></AddChatMessage>", "application/xml"));
        yield return Case("xml answer", () => Post(Sample, "application/json", ("Accept", "text/xml")));
        yield return Case("xml with dtd", () => Post("<!DOCTYPE r [<!ENTITY e \"x\">]><r><ChatSessionId>1</ChatSessionId></r>", "application/xml"));
        yield return Case("form body", () => Post("ChatSessionId=9&Message.Message=hello", "application/x-www-form-urlencoded"));
        yield return Case("gzip body", () => Gzip(Sample));
        yield return Case("chunked body", () => new HttpRequestMessage(HttpMethod.Post, Path) { Content = System.Net.Http.Json.JsonContent.Create(new { ChatSessionId = 403 }) });
        yield return Case("select", () => Post(Sample, "application/json", path: Path + "?$select=Message,chatsessionid"));
        yield return Case("select unknown", () => Post(Sample, "application/json", path: Path + "?$select=Nothing"));
        yield return Case("no credentials", () => Post(Sample, "application/json", authorization: null));
        yield return Case("bad credentials", () => Post(Sample, "application/json", authorization: "Digest username=tje0"));
        yield return Case("preflight", () => Send(HttpMethod.Options, Path, null, null, ("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "authorization, content-type")));
        yield return Case("browser origin", () => Post(Sample, "application/json", ("Origin", "http://localhost:3000")));
        yield return Case("prefer code", () => Post(Sample, "application/json", ("Prefer", "code=500")));
        yield return Case("prefer unknown code", () => Post(Sample, "application/json", ("Prefer", "code=418")));
        yield return Case("superoffice headers", () => Post(Sample, "application/json", ("SO-TimeZone", "Europe/Oslo"), ("SO-Language", "no"), ("SO-AppToken", "secret")));
        yield return Case("get describes", () => Send(HttpMethod.Get, Path, null, null));
        yield return Case("head", () => Send(HttpMethod.Head, Path, null, null));
        yield return Case("put", () => Send(HttpMethod.Put, Path, Sample, "application/json"));
        yield return Case("unknown agent method", () => Post(Sample, "application/json", path: "/api/v1/Agents/Chat/Nothing"));
        yield return Case("unknown path", () => Send(HttpMethod.Get, "/elsewhere/x?y=1", null, null));
        yield return Case("path case", () => Post(Sample, "application/json", path: "/API/v1/agents/chat/addchatmessage"));
        yield return Case("query string odd", () => Post(Sample, "application/json", path: Path + "?a=%20b&&c"));
        yield return Case("encoded path", () => Post(Sample, "application/json", path: "/api/v1/Agents/Chat/Add%43hat%20Message"));
        yield return Case("query plus", () => Post(Sample, "application/json", path: Path + "?$select=Message+ChatSessionId&x=%2B"));
        yield return Case("repeated header", () => Post(Sample, "application/json", ("Accept", "application/xml;q=0.1"), ("Accept", "application/json"), ("X-Empty", "")));
        yield return Case("too large", () => Post("{\"ChatSessionId\": 1, \"Pad\": \"" + new string('x', 5000) + "\"}", "application/json"));
    }

    [OneTimeSetUp]
    public async Task StartServers()
    {
        var options = new ChatMockOptions { Seed = 42, MaxRequestBodyBytes = 4096 };
        _direct = await HostUnderTest.StartAsync(HostKind.Standalone, options, new FakeTimeProvider(Noon));
        _throughWireMock = await HostUnderTest.StartAsync(HostKind.StandaloneThroughWireMock, options, new FakeTimeProvider(Noon));
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _direct.DisposeAsync();
        await _throughWireMock.DisposeAsync();
    }

    [SetUp]
    public void ResetEngines()
    {
        _direct.Engine.Reset(resetIds: true);
        _throughWireMock.Engine.Reset(resetIds: true);
    }

    [TestCaseSource(nameof(Requests))]
    public async Task Request_Gets_The_Same_Answer_Directly_And_Through_WireMock_Matching(Func<HttpRequestMessage> create)
    {
        // Act
        var direct = await AnswerAsync(_direct, create);
        var throughWireMock = await AnswerAsync(_throughWireMock, create);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(throughWireMock.Status, Is.EqualTo(direct.Status), "status");
            Assert.That(throughWireMock.Headers, Is.EqualTo(direct.Headers), "headers");
            Assert.That(throughWireMock.Body, Is.EqualTo(direct.Body), "body");
            Assert.That(Recorded(_throughWireMock), Is.EqualTo(Recorded(_direct)), "what the journal holds");
        });
    }

    private static TestCaseData Case(string name, Func<HttpRequestMessage> create) =>
        new TestCaseData(create).SetArgDisplayNames(name);

    private static HttpRequestMessage Post(string body, string? contentType, params (string Name, string Value)[] headers) =>
        Send(HttpMethod.Post, Path, body, contentType, headers);

    private static HttpRequestMessage Post(string body, string? contentType, string path) =>
        Send(HttpMethod.Post, path, body, contentType);

    private static HttpRequestMessage Post(string body, string? contentType, string? authorization, bool anonymous = true)
    {
        var request = Send(HttpMethod.Post, Path, body, contentType);
        request.Options.Set(Anonymous, anonymous);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static HttpRequestMessage Send(HttpMethod method, string path, string? body, string? contentType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static HttpRequestMessage Gzip(string body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(buffer.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        return request;
    }

    /// <summary>What the journal holds of the calls, the host's own port left out.</summary>
    private static string[] Recorded(HostUnderTest host) =>
        host.Engine.Journal.GetCalls().Select(call => string.Join(
            "\n",
            new[]
            {
                $"{call.Request.Method} {call.Request.Path}{call.Request.QueryString} -> {call.Response.StatusCode} {call.Operation}",
                $"body ({call.Request.BodyLength}): {call.Request.Body}",
                "violations: " + string.Join("; ", call.Violations.Select(v => v.Path + " " + v.Message)),
                "warnings: " + string.Join("; ", call.Warnings),
                $"credentials: {call.Credentials}; delay {call.Delay}; fault {call.Fault}",
                "answer: " + call.Response.Body,
            }.Concat(call.Request.Headers
                .Where(h => !h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Key.ToLowerInvariant() + ": " + h.Value)
                .Order(StringComparer.Ordinal)))).ToArray();

    private static async Task<(int Status, string[] Headers, byte[] Body)> AnswerAsync(HostUnderTest host, Func<HttpRequestMessage> create)
    {
        using var request = create();
        using var anonymous = host.CreateAnonymousClient();
        var client = request.Options.TryGetValue(Anonymous, out var isAnonymous) && isAnonymous ? anonymous : host.Client;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !Unstable.Contains(h.Key))
            .Select(h => h.Key.ToLowerInvariant() + ": " + string.Join(", ", h.Value))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return ((int)response.StatusCode, headers, body);
    }
}
