using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// ChatMock decodes compressed bodies itself, on both server paths, and stops at <c>MaxRequestBodyBytes</c>: a small
/// bomb is a quick 413, an unknown coding 415, broken data 400, and a valid call is answered after each.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class BodyDecodingTests(bool directAnswers)
{
    private const string Sample = """{"ChatSessionId": 7, "Message": {"Type": "ToUser", "Message": "Hei"}}""";

    private static readonly Lazy<byte[]> Bomb = new(() => Encode("gzip", new byte[200 * 1_048_576], CompressionLevel.SmallestSize));

    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    public static IEnumerable<string> Codings() => ["gzip", "x-gzip", "deflate", "deflate-raw", "br", "identity", "gzip, br", "GZIP"];

    [SetUp]
    public void SetUp()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, DirectAnswers = directAnswers });
        if (!directAnswers)
        {
            // A user's mapping elsewhere: calls go through WireMock.Net's matching to the engine's mapping.
            _server.WireMock.Given(Request.Create().WithPath("/elsewhere")).RespondWith(Response.Create().WithStatusCode(418));
        }

        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCaseSource(nameof(Codings))]
    public async Task Encoded_Body_Is_Decoded(string coding)
    {
        // Act
        var (status, text) = await PostAsync(EncodeAll(coding, Encoding.UTF8.GetBytes(Sample)), coding);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), text);
            Assert.That(_server.Journal.GetCalls().Single().AddChatMessage!.ChatSessionId, Is.EqualTo(7));
        });
    }

    [Test]
    public async Task Decompression_Bomb_Is_A_Quick_413_And_The_Server_Goes_On()
    {
        // Arrange: 200 MB of zeros in about 200 KB of gzip.
        var bomb = Bomb.Value;

        // Act
        var watch = Stopwatch.StartNew();
        var (status, text) = await PostAsync(bomb, "gzip");
        watch.Stop();
        var (after, _) = await PostAsync(Encoding.UTF8.GetBytes(Sample), null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(bomb, Has.Length.LessThan(1_048_576));
            Assert.That(status, Is.EqualTo(413), text);
            Assert.That(text, Does.Contain("RequestTooLargeException").And.Contain("decodes"));
            Assert.That(text.Length, Is.LessThan(1_000));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "decoding stopped at the limit");
            Assert.That(_server.Journal.GetCalls()[0].Response.StatusCode, Is.EqualTo(413), "the refused call is recorded");
            Assert.That(after, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Unknown_Coding_Is_415()
    {
        // Act
        var (status, text) = await PostAsync(Encoding.UTF8.GetBytes(Sample), "compress");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(415), text);
            Assert.That(text, Does.Contain("compress").And.Contain("gzip, deflate and br"));
        });
    }

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    public async Task Broken_Data_Is_400(string coding)
    {
        // Arrange: a valid stream cut in half, or bytes that are not the coding at all.
        var whole = Encode(coding, Encoding.UTF8.GetBytes(Sample + new string(' ', 4000)));
        var broken = coding == "br" ? whole[..(whole.Length / 2)] : [.. whole[..4], .. Encoding.UTF8.GetBytes("not compressed at all")];

        // Act
        var (status, text) = await PostAsync(broken, coding);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400), text);
            Assert.That(text, Does.Contain("InvalidRequestBodyException").Or.Contain("ContractViolationException"));
        });
    }

    private async Task<(int Status, string Text)> PostAsync(byte[] body, string? coding)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (coding is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", coding == "deflate-raw" ? "deflate" : coding);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] EncodeAll(string codings, byte[] data)
    {
        foreach (var coding in codings.Split(',', StringSplitOptions.TrimEntries))
        {
            data = Encode(coding, data);
        }

        return data;
    }

    private static byte[] Encode(string coding, byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var encoder = coding.ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => (Stream)new GZipStream(output, level, leaveOpen: true),
            "deflate" => new ZLibStream(output, level, leaveOpen: true),
            "deflate-raw" => new DeflateStream(output, level, leaveOpen: true),
            "br" => new BrotliStream(output, level, leaveOpen: true),
            _ => null,
        })
        {
            if (encoder is null)
            {
                return data;
            }

            encoder.Write(data);
        }

        return output.ToArray();
    }
}
