using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace ChatMock.Server.Tests.Security;

/// <summary>Admin request bodies are read by ChatMock too: decoded, bounded, and a bomb refused.</summary>
public sealed class AdminBodyTests
{
    [Test]
    public async Task Compressed_Admin_Body_Is_Decoded()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        using var content = new ByteArrayContent(Gzip(Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/zipped", "method": "GET"}, "response": {"status": 418}}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        // Act
        using var posted = await client.PostAsync("/__admin/mappings", content);
        using var answered = await client.GetAsync("/zipped");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That((int)posted.StatusCode, Is.EqualTo(201), await posted.Content.ReadAsStringAsync());
            Assert.That((int)answered.StatusCode, Is.EqualTo(418));
        });
    }

    [Test]
    public async Task Admin_Decompression_Bomb_Is_413()
    {
        // Arrange: 64 MiB of zeros, past the 16 MiB an admin body may have once decoded.
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Url };
        using var content = new ByteArrayContent(Gzip(new byte[64 * 1_048_576]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        // Act
        using var response = await client.PostAsync("/__admin/requests/count", content);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(413), text);
            Assert.That(text, Does.Contain("\"errors\""));
        });
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
