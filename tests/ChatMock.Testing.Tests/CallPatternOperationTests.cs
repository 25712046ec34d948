using System.Net.Http.Headers;
using System.Text;
using ChatMock.Testing.Tests.Support;

namespace ChatMock.Testing.Tests;

/// <summary><see cref="CallPattern.Operation"/>: the patterns filter by operation, for every chat operation.</summary>
public sealed class CallPatternOperationTests
{
    private ChatMockTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHostAndCall()
    {
        _host = await ChatMockTestHost.StartAsync(options => options.Seed = 5);
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        await SendAsync(client, HttpMethod.Post, "/api/v1/Agents/Chat/AddChatMessage", """{"ChatSessionId": 3, "Message": {"Type": "ToUser", "Message": "Hi"}}""");
        await SendAsync(client, HttpMethod.Post, "/api/v1/Agents/Chat/GetChatMessages", """{"ChatSessionId": 3, "After": 0}""");
        await SendAsync(client, HttpMethod.Get, "/api/v1/ChatSession/3/Messages?after=0");
        await SendAsync(client, HttpMethod.Get, "/api/v1/Agents/Chat/GetChatMessages");
        await SendAsync(client, HttpMethod.Post, "/api/v1/Agents/Chat/GetChatMessages", """{"ChatSessionId": "three"}""");
        await SendAsync(client, HttpMethod.Get, "/api/v1/ChatSession/404");
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public void Operation_Matches_The_Agent_Call_And_Its_Rest_Twin_But_Not_The_Description()
    {
        // Act
        var calls = _host.Journal.GetCalls(CallPattern.Operation("GetChatMessages"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Request.Method + " " + c.Request.Path), Is.EqualTo(new[]
            {
                "POST /api/v1/Agents/Chat/GetChatMessages",
                "GET /api/v1/ChatSession/3/Messages",
                "POST /api/v1/Agents/Chat/GetChatMessages",
            }));
            Assert.That(_host.Journal, Received.Exactly(3, CallPattern.Operation("getchatmessages")), "names match case-insensitively");
        });
    }

    [Test]
    public void Operation_Narrows_With_Status_And_Violations()
    {
        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(_host.Journal, Received.Exactly(2, CallPattern.Operation("GetChatMessages").WithStatus(200)));
            Assert.That(_host.Journal, Received.Exactly(1, CallPattern.Operation("GetChatMessages").WithViolationAt("/ChatSessionId")));
            Assert.That(_host.Journal, Received.Exactly(1, CallPattern.Operation("GetChatSessionEntity").WithStatus(404)));
            Assert.That(_host.Journal, Received.Exactly(1, CallPattern.Operation("AddChatMessage")));
            Assert.That(_host.Journal, Received.Never(CallPattern.Operation("SaveChatSessionEntity")));
            Assert.That(_host.Journal, Received.InOrder(CallPattern.Operation("AddChatMessage"), CallPattern.Operation("GetChatMessages")));
        });
    }

    [Test]
    public void Operation_Failure_Says_What_Was_Received_Instead()
    {
        // Arrange
        var constraint = Received.Exactly(1, CallPattern.Operation("PickUpChatSession"));

        // Act
        var succeeded = constraint.ApplyTo(_host.Journal).IsSuccess;
        var message = JournalScenario.FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.False);
            Assert.That(message, Does.Contain("PickUpChatSession call").And.Contain("operation was GetChatMessages"));
            Assert.That(CallPattern.Operation("PickUpChatSession").ToString(), Is.EqualTo("PickUpChatSession call"));
        });
    }

    [Test]
    public void Operation_That_ChatMock_Does_Not_Serve_Throws_Listing_Those_It_Does()
    {
        // Act
        var ex = Assert.Throws<ArgumentException>(() => CallPattern.Operation("GetChatMessage"));

        // Assert
        Assert.That(ex!.Message, Does.Contain("GetChatMessage'").And.Contain("GetChatMessages").And.Contain("AddChatMessage"));
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
    }
}
