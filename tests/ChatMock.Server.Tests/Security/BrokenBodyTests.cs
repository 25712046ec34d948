using System.Net.Sockets;
using System.Text;
using ChatMock.Server.Tests.Support;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// A body that arrives too slowly gets 408 in the envelope (no stack trace), a client that stops mid-body gets
/// 400, both are recorded with what arrived, and the server goes on.
/// </summary>
public sealed class BrokenBodyTests
{
    private const string Sent = """{"ChatSessionId": 1""";

    private ChatMockServer _server = null!;

    [SetUp]
    public void SetUp() => _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    public async Task Body_Too_Slow_For_The_Servers_Minimum_Rate_Is_A_408_In_The_Envelope()
    {
        // Arrange: ten bytes of a promised thousand, then silence (Kestrel's minimum rate applies after 5 s).
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Port);
        var stream = client.GetStream();
        var head = $"POST {CallPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Basic dGplMDpUamUw\r\nContent-Length: 1000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + """{"ChatSes"""));

        // Act: read whatever the server answers, within a deadline.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, deadline.Token);
        var parsed = RawAnswer.Parse(answer.ToArray());
        var call = _server.Journal.GetCalls().Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Status, Is.EqualTo(408), parsed.Body);
            Assert.That(parsed.Body, Does.Contain("RequestTimeoutException").And.Not.Contain("   at "));
            Assert.That(call.Response.StatusCode, Is.EqualTo(408));
            Assert.That(call.Request.Body, Is.EqualTo("""{"ChatSes"""), "what arrived is recorded");
        });
    }

    [Test]
    public async Task Client_Ending_Its_Body_Early_Is_Recorded_With_What_Arrived()
    {
        // Arrange
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Port);
        var stream = client.GetStream();
        var head = $"POST {CallPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Basic dGplMDpUamUw\r\nContent-Length: 1000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + Sent));

        // Act: the client stops sending with 981 bytes still to come, and waits for the answer.
        client.Client.Shutdown(SocketShutdown.Send);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, deadline.Token);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection instead of answering: the client said it would send no more.
        }

        var parsed = RawAnswer.Parse(answer.ToArray());

        // Assert: Kestrel may close the connection without an answer (the client said it would send no more), and
        // it hands over none of the bytes of a body it already knows to be short; the call is recorded either way.
        Assert.That(await EventuallyAsync(() => Task.FromResult(_server.Journal.Count == 1), TimeSpan.FromSeconds(10)), Is.True, "the call is recorded");
        var call = _server.Journal.GetCalls().Single();
        using var other = new HttpClient { BaseAddress = _server.Url };
        var after = await PostCallAsync(other, """{"ChatSessionId": 1}""");
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Status, Is.AnyOf(0, 400), parsed.Body);
            Assert.That(call.Response.StatusCode, Is.EqualTo(400));
            Assert.That(call.Response.Body, Does.Contain("InvalidRequestBodyException").And.Contain(" after ").And.Contain(" bytes"));
            Assert.That(Sent.StartsWith(call.Request.Body, StringComparison.Ordinal), Is.True, "what arrived is recorded");
            Assert.That(after, Is.EqualTo(200));
        });
    }
}
