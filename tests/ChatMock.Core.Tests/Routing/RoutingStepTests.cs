using ChatMock.Answers;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Operations;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Core.Tests.Routing;

public sealed class RoutingStepTests
{
    private static readonly OperationRegistry Registry = OperationRegistry.Load(null, OperationHandlers.Names);

    private static RoutingStep Step() =>
        new(Registry, ContractSchemas.Embedded, new CorsAnswers(new Cors([]), [], Registry.Served));

    private static ChatMockRequest Request(string method, string path, string? accept = null) => new()
    {
        Method = method,
        Path = path,
        Headers = accept is null ? [] : [new("Accept", accept)],
    };

    [Test]
    public void Route_Operation_Goes_On_With_Path_And_Operation_Whatever_Accept_Asks()
    {
        // Arrange
        var outcome = new CallOutcome();

        // Act
        var answered = Step().Route(Request("post", "/api/v1/Agents/Chat/AddChatMessage", "image/png"), outcome, out var route);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.Null);
            Assert.That(route.Operation.Handler, Is.EqualTo("AddChatMessage"));
            Assert.That(route.Path.Template, Is.EqualTo("/api/v1/Agents/Chat/AddChatMessage"));
            Assert.That(outcome.Operation, Is.EqualTo("AddChatMessage"));
        });
    }

    [TestCase("POST", "/api/v1/Agents/Chat/Nothing", null, 404)]
    [TestCase("DELETE", "/api/v1/Agents/Chat/AddChatMessage", null, 405)]
    [TestCase("POST", "/api/v1/Agents/Chat/Nothing", "image/png", 404)]
    [TestCase("OPTIONS", "/api/v1/Agents/Chat/AddChatMessage", null, 204)]
    public void Route_Request_Naming_No_Operation_Is_Answered_Here(string method, string path, string? accept, int status)
    {
        // Act
        var answered = Step().Route(Request(method, path, accept), new CallOutcome(), out _);

        // Assert
        Assert.That(answered?.StatusCode, Is.EqualTo(status));
    }

    [TestCase("application/xml", "application/xml")]
    [TestCase("image/png", "application/json")]
    public void Route_Answer_Is_In_The_Format_Accept_Asks_Else_Json(string accept, string contentType)
    {
        // Act
        var answered = Step().Route(Request("DELETE", "/api/v1/Agents/Chat/AddChatMessage", accept), new CallOutcome(), out _);

        // Assert
        Assert.That(answered?.ContentType, Does.StartWith(contentType));
    }

    [Test]
    public void Route_Get_On_Agent_Url_Answers_The_Description_Of_The_Call()
    {
        // Arrange
        var outcome = new CallOutcome();

        // Act
        var answered = Step().Route(Request("GET", "/api/v1/Agents/Chat/AddChatMessage"), outcome, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answered?.StatusCode, Is.EqualTo(200));
            Assert.That(answered?.ContentType, Does.StartWith("text/plain"));
            Assert.That(answered?.BodyText(), Does.StartWith("POST /api/v1/Agents/Chat/AddChatMessage"));
            Assert.That(outcome.Operation, Is.EqualTo("AddChatMessage"));
        });
    }
}
