using System.Text;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Engine;

/// <summary>
/// The body as the engine reads it, a System.Text.Json document: what it cannot hold (an escaped lone surrogate) and
/// what the fast path leaves to NJsonSchema (a name in another casing) reach the handler as before.
/// </summary>
public sealed class BodyDocumentTests
{
    // A lone high and a lone low surrogate, a pair, an escaped backslash before "ud800" (plain text), a pair the wrong
    // way round, a high surrogate before an escape that is not its pair, and lower-case and upper-case hex digits.
    [TestCase(@"a\ud800b \ud83d\ude00 \\ud800 \udc00", "a\uFFFDb \U0001F600 \\ud800 \uFFFD")]
    [TestCase(@"\udc00\ud800", "\uFFFD\uFFFD")]
    [TestCase(@"\uD800\u0041\uDBFF", "\uFFFDA\uFFFD")]
    [TestCase(@"\uD83D\uDE00\\", "\U0001F600\\")]
    public void An_Escaped_Lone_Surrogate_Is_Read_As_The_Replacement_Character_And_A_Pair_As_Its_Character(string escaped, string expected)
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var body = "{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToUser\", \"Message\": \"" + escaped + "\"}}";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(response.Call.AddChatMessage!.Message!.Message, Is.EqualTo(expected));
            Assert.That(response.Call.Response.ChatMessage!.Message, Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_Lone_Surrogate_In_A_Name_Is_Read_As_The_Replacement_Character()
    {
        // Arrange: an unknown property whose name is a lone surrogate (unknown properties are allowed by default)
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        const string Body = """{"ChatSessionId": 403, "Message": {"Message": "hi", "\ud800": 1}}""";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(Body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.LessThan(500), response.BodyText());
            Assert.That(response.BodyText(), Does.Not.Contain("ChatMockInternalException"));
        });
    }

    [Test]
    public void Names_In_Another_Casing_Go_To_The_Validator_Which_Renames_Them_For_The_Handler()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        const string Body = """{"chatsessionid": 403, "MESSAGE": {"message": "renamed", "Type": "ToUser"}}""";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(Body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(response.Call.Response.ChatMessage!.ChatSessionId, Is.EqualTo(403));
            Assert.That(response.Call.Response.ChatMessage!.Message, Is.EqualTo("renamed"));
            Assert.That(response.Call.Warnings, Has.Count.EqualTo(3));
        });
    }

    // The same name twice: written the same way, written with an escape, nested, and after many names (past the ones
    // compared by hash), each refused where Newtonsoft refuses it.
    [TestCase("""{"ChatSessionId": 1, "ChatSessionId": 2}""", "/ChatSessionId")]
    [TestCase("""{"ChatSessionId": 1, "Message": {"Author": "a", "\u0041uthor": "b"}}""", "/Message/Author")]
    [TestCase("""{"ChatSessionId": 1, "Message": {"Message": "hi", "Type": "ToUser", "Message": "again"}}""", "/Message/Message")]
    public void A_Name_Sent_Twice_In_One_Object_Is_Refused_Where_It_Repeats(string json, string path)
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(json));

        // Assert
        var violation = response.Call.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(violation.Path, Is.EqualTo(path));
            Assert.That(violation.Message, Does.Contain("appears more than once"));
        });
    }

    [TestCase(40, 39)]
    [TestCase(40, 3)]
    [TestCase(1000, 999)]
    public void A_Name_Repeated_Among_Many_Is_Refused(int names, int repeatedAt)
    {
        // Arrange: the object's names p0, p1, ... with the name at one place the same as the first
        var properties = Enumerable.Range(0, names).Select(i => $"\"p{(i == repeatedAt ? 0 : i)}\": 1");
        var json = "{\"ChatSessionId\": 1, \"Message\": {" + string.Join(", ", properties) + "}}";
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(json));

        // Assert
        var violation = response.Call.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(violation.Path, Is.EqualTo("/Message/p0"));
            Assert.That(violation.Message, Does.Contain("appears more than once"));
        });
    }

    [Test]
    public void Names_That_Differ_Only_In_Casing_Reach_The_Validator_Which_Refuses_The_Second()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1, "chatSessionId": 2}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Call.Violations.Single().Message, Does.Contain("repeats 'ChatSessionId'"));
        });
    }

    [TestCase("""{"chatSessionId": 403, "Message": null}""")]
    [TestCase("""{"ChatSessionId": 403, "Message": {"message": "hi"}}""")]
    [TestCase("""{"ChatSessionId": 403, "Message": {"Message": "hi", "TYPE": "ToUser"}}""")]
    public void SchemaFastPath_Leaves_A_Name_In_Another_Casing_To_The_Validator(string json)
    {
        // Arrange
        var document = BodyDocuments.Read(Encoding.UTF8.GetBytes(json))!.Value;

        // Act
        var certain = SchemaFastPath.IsCertainlyValid(document, ContractSchemas.Embedded.Request);

        // Assert
        Assert.That(certain, Is.False);
    }

    [Test]
    public void SchemaFastPath_Vouches_For_A_Name_Written_With_An_Escape()
    {
        // Arrange: "Message" with its M escaped; the name is the documented one, only written another way
        var document = BodyDocuments.Read(Encoding.UTF8.GetBytes("""{"ChatSessionId": 403, "\u004Dessage": {"Message": "hi", "Type": "ToUser"}}"""))!.Value;

        // Act
        var certain = SchemaFastPath.IsCertainlyValid(document, ContractSchemas.Embedded.Request);

        // Assert
        Assert.That(certain, Is.True);
    }
}
