using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;

namespace ChatMock.Core.Tests.Protocol;

public sealed class ProtocolStepTests
{
    private static ChatMockRequest Request(params KeyValuePair<string, string>[] headers) => new()
    {
        Method = "POST",
        Path = "/api/v1/Agents/Chat/AddChatMessage",
        Headers = [new("Authorization", "Basic dGplMDpUamUw"), .. headers],
    };

    [TestCase("application/xml", true)]
    [TestCase("text/json", false)]
    [TestCase(null, false)]
    public void Check_Finds_The_Format_Accept_Asks_For(string? accept, bool isXml)
    {
        // Act
        var refused = new ProtocolStep(new ChatMockOptions(), new Authenticator(new ChatMockOptions()))
            .Check(accept is null ? Request() : Request(new KeyValuePair<string, string>("Accept", accept)), new CallOutcome(), out var found);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.Null);
            Assert.That(found.Format.IsXml, Is.EqualTo(isXml));
        });
    }

    [Test]
    public void Check_Accept_Of_Nothing_ChatMock_Writes_Is_406_Before_Faults_And_Credentials()
    {
        // Arrange: a fault asked for and no credentials; the format is decided first.
        var request = new ChatMockRequest
        {
            Method = "POST",
            Path = "/api/v1/Agents/Chat/AddChatMessage",
            Headers = [new("Accept", "image/png"), new("Prefer", "code=503")],
        };

        // Act
        var refused = new ProtocolStep(new ChatMockOptions(), new Authenticator(new ChatMockOptions())).Check(request, new CallOutcome(), out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refused?.StatusCode, Is.EqualTo(406));
            Assert.That(refused?.BodyText(), Does.Contain("image/png"));
        });
    }
}
