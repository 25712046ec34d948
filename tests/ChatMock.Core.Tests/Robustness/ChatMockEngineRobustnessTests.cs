using System.Text;
using System.Xml.Linq;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>What the fuzz tests found, pinned down: each of these once ended the process or answered 500.</summary>
public sealed class ChatMockEngineRobustnessTests
{
    [TestCase(65)]
    [TestCase(140_000)]
    public void AddChatMessage_Refuses_Xml_Nested_Deeper_Than_Json_May_Be(int depth)
    {
        // Arrange: a hundred thousand nested elements (under the 1 MiB limit) once overflowed the stack of the reader.
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var body = "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message>" + string.Concat(Enumerable.Repeat("<a>", depth))
            + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Message></AddChatMessage>";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body, "application/xml"));

        // Assert
        var violation = response.Call.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400), response.BodyText());
            Assert.That(violation.Message, Does.Contain("nests elements more than 64 levels deep"));
            Assert.That(violation.Path, Does.StartWith("/Message/a/a/"));
        });
    }

    [Test]
    public void AddChatMessage_Reads_Xml_Nested_As_Deep_As_Json_May_Be()
    {
        // Arrange: 64 levels below the root are read (and then refused for what they say, not for their depth).
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var body = "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message>" + string.Concat(Enumerable.Repeat("<a>", 62))
            + string.Concat(Enumerable.Repeat("</a>", 62)) + "</Message></AddChatMessage>";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body, "application/xml"));

        // Assert
        Assert.That(response.Call.Violations.Single().Message, Does.StartWith("Unknown property 'a'"));
    }

    [TestCase(65)]
    [TestCase(200_000)]
    public void AddChatMessage_Refuses_Form_Fields_Nested_Deeper_Than_Json_May_Be(int depth)
    {
        // Arrange: Message.a.a.a... a hundred thousand levels deep once overflowed the stack of the typing.
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var body = "ChatSessionId=1&Message." + string.Join('.', Enumerable.Repeat("a", depth)) + "=x";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body, "application/x-www-form-urlencoded"));

        // Assert
        var violation = response.Call.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400), response.BodyText());
            Assert.That(violation.Message, Does.Contain("nests more than 64 levels deep"));
            Assert.That(violation.Path.Split('/'), Has.Length.EqualTo(66), "the pointer names the first 65 levels only");
        });
    }

    [TestCase("\\u0001", "To\\u0001User")]
    [TestCase("\\u001b[31m", "To\\u001B[31mUser")]
    [TestCase("\\uFFFE", "To\\uFFFEUser")]
    public void AddChatMessage_Quotes_A_Control_Character_In_An_Xml_Envelope_Escaped(string character, string quoted)
    {
        // Arrange: a violation that quotes the value sent once made the XML writer throw (500).
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var request = EngineRequests.AddChatMessage(
            $$$"""{"ChatSessionId": 1, "Message": {"Type": "To{{{character}}}User"}}""", "application/json", new KeyValuePair<string, string>("Accept", "application/xml"));

        // Act
        var response = engine.Handle(request);

        // Assert
        var envelope = XDocument.Parse(response.BodyText()).Root!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400), response.BodyText());
            Assert.That(envelope.Element("ErrorType")!.Value, Is.EqualTo("ContractViolationException"));
            Assert.That(envelope.Element("ErrorMessage")!.Value, Does.Contain(quoted));
        });
    }

    [TestCase("Message")]
    [TestCase("Author")]
    [TestCase("SpecialParam")]
    public void AddChatMessage_Answers_406_When_The_Message_Cannot_Be_Written_As_Xml(string field)
    {
        // Arrange: a control character is valid JSON text, but XML 1.0 cannot carry it.
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var request = EngineRequests.AddChatMessage(
            $$$"""{"ChatSessionId": 1, "Message": {"Type": "ToUser", "{{{field}}}": "a\u0001b"}}""", "application/json", new KeyValuePair<string, string>("Accept", "application/xml"));

        // Act
        var response = engine.Handle(request);
        var json = engine.Handle(EngineRequests.AddChatMessage($$$"""{"ChatSessionId": 1, "Message": {"Type": "ToUser", "{{{field}}}": "a\u0001b"}}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(406), response.BodyText());
            Assert.That(XDocument.Parse(response.BodyText()).Root!.Element("ErrorMessage")!.Value, Does.Contain($"{field} holds the character U+0001"));
            Assert.That(json.StatusCode, Is.EqualTo(200), "in JSON the same message comes back as posted");
            Assert.That(json.BodyText(), Does.Contain("a\\u0001b"));
        });
    }
}
