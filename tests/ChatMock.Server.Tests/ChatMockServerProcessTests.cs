using System.Net;
using System.Text;
using ChatMock.Server.Tests.Support;

namespace ChatMock.Server.Tests;

/// <summary>The standalone server as a process: start-up line, one log line per call, clean stop, bad configuration.</summary>
public sealed class ChatMockServerProcessTests
{
    [Test]
    public async Task Server_With_Port_Zero_Prints_Its_Port_Answers_And_Stops_On_Sigterm()
    {
        // Arrange
        using var server = ServerProcess.Start("--port", "0", "--seed", "7");
        var url = await server.WaitUntilListeningAsync();
        using var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dGplMDpUamUw");

        // Act
        using var response = await client.PostAsync(
            "/api/v1/Agents/Chat/AddChatMessage",
            new StringContent("""{"ChatSessionId": 403, "Message": null}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        server.Terminate();
        var exited = await server.WaitForExitAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(url.Port, Is.Not.EqualTo(8080).And.GreaterThan(0));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(body, Does.Contain("\"ChatSessionId\":403"));
            Assert.That(exited, Is.True, "the server stops on SIGTERM");
            Assert.That(server.ExitCode, Is.Zero, server.Output);
            Assert.That(server.Output, Does.Contain("seed 7"));
            Assert.That(server.Output, Does.Match(@"call=1 POST /api/v1/Agents/Chat/AddChatMessage -> 200 in [\d.]+ ms ChatSessionId=403"));
        });
    }

    [Test]
    public async Task Server_With_Invalid_Settings_Names_Every_Problem_And_Exits_With_2()
    {
        // Arrange
        using var server = ServerProcess.Start("--port", "99999", "--journal-capacity", "lots", "--ChatMock:Prot", "1");

        // Act
        var exited = await server.WaitForExitAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True);
            Assert.That(server.ExitCode, Is.EqualTo(2));
            Assert.That(server.Output, Does.Contain("The 'ChatMockOptions' are invalid."));
            Assert.That(server.Output, Does.Contain("Port").And.Contain("'ChatMock:JournalCapacity' must be a whole number; 'lots' is not.").And.Contain("'ChatMock:Prot' is not a ChatMock setting"));
        });
    }
}
