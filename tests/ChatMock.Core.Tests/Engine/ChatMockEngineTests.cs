using System.Text;
using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Core.Tests.Engine;

public sealed class ChatMockEngineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void AddChatMessage_Answers_Generated_Message_For_Documentation_Sample()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 42 }, new FakeTimeProvider(Noon));

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 403, "Message": null}"""));

        // Assert
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(response.ContentType, Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(root.GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(403));
            Assert.That(root.GetProperty("WhenPosted").GetString(), Is.EqualTo("2026-11-24T12:00:00Z"));
            Assert.That(root.GetProperty("Message").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("Type").GetString(), Is.AnyOf("ToCustomer", "ToUser", "Special"));
        });
    }

    [Test]
    public void AddChatMessage_Echoes_Posted_Fields_And_Assigns_Server_Fields()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1, FirstChatMessageId = 500 }, new FakeTimeProvider(Noon));
        const string body = """
            {"ChatSessionId": 9, "Message": {"ChatMessageId": 77, "ChatSessionId": 9, "Type": "ToUser", "Message": "Hei, hvor er pakken min?",
             "Author": "Kari Nordmann", "ReadByCustomer": 1, "SpecialType": "None", "SpecialParam": null, "WhenPosted": "2001-01-01T00:00:00Z"}}
            """;

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        var message = response.Call.Response.ChatMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(message.ChatMessageId, Is.EqualTo(500));
            Assert.That(message.ChatSessionId, Is.EqualTo(9));
            Assert.That(message.Type, Is.EqualTo("ToUser"));
            Assert.That(message.Message, Is.EqualTo("Hei, hvor er pakken min?"));
            Assert.That(message.Author, Is.EqualTo("Kari Nordmann"));
            Assert.That(message.ReadByCustomer, Is.EqualTo(1));
            Assert.That(message.SpecialParam, Is.Null);
            Assert.That(message.WhenPosted, Is.EqualTo("2026-11-24T12:00:00Z"));
            Assert.That(response.BodyText(), Does.Contain("\"Hei, hvor er pakken min?\""), "non-ASCII text is written as is");
            Assert.That(response.Call.Warnings, Has.Some.Contains("/Message/ChatMessageId").And.Some.Contains("/Message/WhenPosted"));
        });
    }

    [Test]
    public void AddChatMessage_Fills_Properties_Left_Out_With_Carrier_Defaults()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 3, "Message": {"Message": "Hello"}}"""));

        // Assert
        var message = response.Call.Response.ChatMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(message.Type, Is.EqualTo("Invalid"));
            Assert.That(message.Author, Is.Empty);
            Assert.That(message.ReadByCustomer, Is.Zero);
            Assert.That(message.SpecialType, Is.EqualTo("None"));
            Assert.That(message.SpecialParam, Is.Empty);
        });
    }

    [Test]
    public void AddChatMessage_Returns_Envelope_Naming_ChatSessionId_When_It_Is_A_String()
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": "abc"}"""));

        // Assert
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        var violation = root.GetProperty("Violations")[0];
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(root.GetProperty("Error").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("ErrorType").GetString(), Is.EqualTo("ContractViolationException"));
            Assert.That(root.GetProperty("ErrorSource").GetString(), Is.EqualTo("ChatMock"));
            Assert.That(root.GetProperty("ErrorMessage").GetString(), Does.Contain("/ChatSessionId"));
            Assert.That(violation.GetProperty("Path").GetString(), Is.EqualTo("/ChatSessionId"));
            Assert.That(violation.GetProperty("Message").GetString(), Is.EqualTo("Expected an integer from -2147483648 to 2147483647 but got the string \"abc\"."));
            Assert.That(response.Call.Violations, Has.Count.EqualTo(1));
        });
    }

    [TestCase("", "The request body is empty")]
    [TestCase("   \r\n", "The request body is empty")]
    [TestCase("{\"ChatSessionId\": 1", "not valid JSON")]
    [TestCase("{\"ChatSessionId\": 1,}", "not valid JSON: The JSON object contains a trailing comma at the end which JSON does not allow (line 1, byte 21).")]
    [TestCase("{\"ChatSessionId\": 1} {}", "not valid JSON")]
    [TestCase("{'ChatSessionId': 1}", "not valid JSON")]
    [TestCase("{\"ChatSessionId\": 1 /* comment */}", "not valid JSON")]
    [TestCase("{\"ChatSessionId\": 1, \"ChatSessionId\": 2}", "appears more than once")]
    [TestCase("{\"ChatSessionId\": NaN}", "not valid JSON")]
    [TestCase("123456789012345678901234567890", "Expected an AddChatMessage request object but got 123456789012345678901234567890.")]
    public void AddChatMessage_Returns_400_With_Reason_When_Body_Is_Not_Json(string body, string reason)
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.BodyText(), Does.Contain(reason));
            Assert.That(response.Call.Violations, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void AddChatMessage_Returns_400_When_Body_Is_Not_Utf8()
    {
        // Arrange
        var engine = new ChatMockEngine();
        byte[] body = [.. "{\"ChatSessionId\": 1, \"Message\": {\"Message\": \""u8, 0xC3, 0x28, .. "\"}}"u8];

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.BodyText(), Does.Contain("not valid UTF-8: the byte 0xC3 at offset 45"));
        });
    }

    [Test]
    public void AddChatMessage_Returns_400_When_Nesting_Is_Too_Deep()
    {
        // Arrange
        var engine = new ChatMockEngine();
        var body = "{\"ChatSessionId\": 1, \"Message\": " + new string('[', 10_000) + new string(']', 10_000) + "}";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.BodyText(), Does.Contain("depth"));
        });
    }

    [Test]
    public void AddChatMessage_Returns_413_When_Body_Is_Over_The_Limit()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { MaxRequestBodyBytes = 100 });
        var body = "{\"ChatSessionId\": 1, \"Message\": {\"Message\": \"" + new string('x', 200) + "\"}}";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(413));
            Assert.That(response.BodyText(), Does.Contain("\"ErrorType\":\"RequestTooLargeException\"").And.Contain("MaxRequestBodyBytes"));
        });
    }

    [TestCase(null)]
    [TestCase("text/plain")]
    [TestCase("application/octet-stream")]
    public void AddChatMessage_Returns_415_For_Other_Content_Types(string? contentType)
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("{\"ChatSessionId\": 1}"u8.ToArray(), contentType));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(415));
            Assert.That(response.BodyText(), Does.Contain("UnsupportedMediaTypeException"));
        });
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("TEXT/JSON")]
    [TestCase("application/json-patch+json")]
    [TestCase("application/merge-patch+json; charset=UTF-8")]
    public void AddChatMessage_Accepts_Every_Documented_Json_Content_Type(string contentType)
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("{\"ChatSessionId\": 1}", contentType));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
    }

    [TestCase("/api/v1/Agents/Chat/AddChatMessage")]
    [TestCase("/API/V1/AGENTS/CHAT/ADDCHATMESSAGE")]
    [TestCase("/api/v1/agents/chat/addchatmessage/")]
    public void Handle_Matches_Path_Case_Insensitively(string path)
    {
        // Arrange
        var engine = new ChatMockEngine();
        var request = new ChatMockRequest { Method = "post", Path = path, Headers = [new("content-type", "application/json"), EngineRequests.SampleAuthorization], Body = "{\"ChatSessionId\": 1}"u8.ToArray() };

        // Act
        var response = engine.Handle(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
    }

    [Test]
    public void Handle_Returns_404_Envelope_For_Unknown_Path()
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(new ChatMockRequest { Method = "POST", Path = "/api/v1/Agents/Chat/AddChatMessages" });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.BodyText(), Does.Contain("\"ErrorType\":\"SoNotFoundException\""));
            Assert.That(response.Call.Operation, Is.Null);
        });
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("PATCH")]
    public void Handle_Returns_405_With_Allow_For_Other_Methods(string method)
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(new ChatMockRequest { Method = method, Path = ChatMockRoutes.AddChatMessage });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(405));
            Assert.That(response.Headers, Does.Contain(new KeyValuePair<string, string>("Allow", "GET, POST, OPTIONS")));
        });
    }

    [Test]
    public void Handle_Describes_The_Call_On_Get()
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(new ChatMockRequest { Method = "GET", Path = ChatMockRoutes.AddChatMessage });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.ContentType, Does.StartWith("text/plain"));
            Assert.That(response.BodyText(), Does.Contain("ChatSessionId"));
        });
    }

    [Test]
    public void Handle_Gives_Byte_Identical_Answers_For_Same_Seed_And_Clock()
    {
        // Arrange
        var first = new ChatMockEngine(new ChatMockOptions { Seed = 2026 }, new FakeTimeProvider(Noon));
        var second = new ChatMockEngine(new ChatMockOptions { Seed = 2026 }, new FakeTimeProvider(Noon));
        var bodies = Enumerable.Range(0, 50).Select(i => $"{{\"ChatSessionId\": {i % 7}, \"Message\": null}}").ToList();

        // Act
        var a = bodies.Select(b => first.Handle(EngineRequests.AddChatMessage(b)).BodyText()).ToList();
        var b = bodies.Select(b => second.Handle(EngineRequests.AddChatMessage(b)).BodyText()).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.Distinct().Count(), Is.EqualTo(50), "every message is different");
        });
    }

    [Test]
    public void An_Engine_Writing_Its_Journal_Later_Keeps_Every_Call_As_One_Writing_At_Once()
    {
        // Arrange: the in-memory hosts' engine, and the server's.
        var later = new ChatMockEngine(new ChatMockOptions { Seed = 2026 }, new FakeTimeProvider(Noon), writeJournalLater: true);
        var atOnce = new ChatMockEngine(new ChatMockOptions { Seed = 2026 }, new FakeTimeProvider(Noon));
        string[] bodies = ["{\"ChatSessionId\": 3, \"Message\": null}", "{\"ChatSessionId\": \"x\"}", "not json"];

        // Act: each call read back right after its answer, as a test does.
        var readAfterEach = bodies.Select(body => later.Journal.FindKept(later.Handle(EngineRequests.AddChatMessage(body)).Call.Id)?.Json.ToArray()).ToList();
        foreach (var body in bodies)
        {
            atOnce.Handle(EngineRequests.AddChatMessage(body));
        }

        // Assert
        var expected = atOnce.Journal.ReadKept(0, null).Select(kept => kept.Json.ToArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(readAfterEach, Is.EqualTo(expected));
            Assert.That(later.Journal.ReadKept(0, null).Select(kept => kept.Json.ToArray()), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Handle_Generates_Session_Messages_Independently_Of_Other_Sessions()
    {
        // Arrange
        var quiet = new ChatMockEngine(new ChatMockOptions { Seed = 5 }, new FakeTimeProvider(Noon));
        var busy = new ChatMockEngine(new ChatMockOptions { Seed = 5 }, new FakeTimeProvider(Noon));
        const string session403 = """{"ChatSessionId": 403, "Message": null}""";

        // Act
        var quietAnswers = Enumerable.Range(0, 3).Select(_ => quiet.Handle(EngineRequests.AddChatMessage(session403)).Call.Response.ChatMessage!).ToList();
        var busyAnswers = new List<Messages.ChatMessage>();
        for (var i = 0; i < 3; i++)
        {
            busy.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 17, "Message": null}"""));
            busyAnswers.Add(busy.Handle(EngineRequests.AddChatMessage(session403)).Call.Response.ChatMessage!);
        }

        // Assert: only the server-assigned id differs
        Assert.That(
            busyAnswers.Select(m => m with { ChatMessageId = null }),
            Is.EqualTo(quietAnswers.Select(m => m with { ChatMessageId = null })));
    }

    [Test]
    public void Handle_Answers_Messages_That_Keep_The_Response_Schema_For_10000_Seeds()
    {
        // Arrange
        var validator = new ContractValidator(ContractSchemas.Embedded.ChatMessageResponse, rejectUnknownProperties: true);
        var clock = new FakeTimeProvider(Noon);
        var failures = new List<string>();
        var kinds = new HashSet<string>();

        // Act
        for (var seed = 0; seed < 10_000; seed++)
        {
            var engine = new ChatMockEngine(new ChatMockOptions { Seed = seed, JournalCapacity = 1 }, clock);
            var response = engine.Handle(EngineRequests.AddChatMessage($"{{\"ChatSessionId\": {seed}}}"));
            var text = response.BodyText();
            var result = validator.Validate(ReadJson(text));
            if (response.StatusCode != 200 || !result.IsValid)
            {
                failures.Add($"seed {seed}: {response.StatusCode} {text} {string.Join("; ", result.Violations)}");
            }

            var message = response.Call.Response.ChatMessage!;
            kinds.Add(message.Type + "/" + message.SpecialType);
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(kinds, Has.Count.GreaterThanOrEqualTo(10), "the generator covers the message kinds");
        });
    }

    [Test]
    public void Handle_Records_Every_Call_With_Redacted_Authorization()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 3 });

        // Act
        engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 403}""", "application/json", new KeyValuePair<string, string>("Authorization", "Basic dGplMDpUamUw")));
        engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": "x"}""", "application/json", new KeyValuePair<string, string>("Authorization", "SoTicket 7T:secret==")));

        // Assert
        var calls = engine.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(calls, Has.Count.EqualTo(2));
            Assert.That(calls[0].Request.GetHeader("Authorization"), Is.EqualTo("Basic tje0:***"));
            Assert.That(calls[0].AddChatMessage!.ChatSessionId, Is.EqualTo(403));
            Assert.That(calls[0].Response.StatusCode, Is.EqualTo(200));
            Assert.That(calls[0].Operation, Is.EqualTo("AddChatMessage"));
            Assert.That(calls[1].Request.GetHeader("Authorization"), Is.EqualTo("SoTicket ***"));
            Assert.That(calls[1].Request.Body, Is.EqualTo("""{"ChatSessionId": "x"}"""));
            Assert.That(calls[1].Violations.Single().Path, Is.EqualTo("/ChatSessionId"));
            Assert.That(calls[1].AddChatMessage, Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void AddChatMessage_Treats_An_Empty_SO_TimeZone_As_None(string header)
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 }, new FakeTimeProvider(Noon));

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}""", "application/json", new KeyValuePair<string, string>("SO-TimeZone", header)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(response.Call.Response.ChatMessage!.WhenPosted, Is.EqualTo("2026-11-24T12:00:00Z"));
        });
    }

    [Test]
    public void Handle_Records_Properties_In_Other_Casing_As_Warnings()
    {
        // Arrange
        var engine = new ChatMockEngine();

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"chatsessionid": 8, "message": {"type": "ToUser"}}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText());
            Assert.That(response.Call.Response.ChatMessage!.Type, Is.EqualTo("ToUser"));
            Assert.That(response.Call.Warnings, Has.Count.EqualTo(3));
            Assert.That(response.Call.Warnings, Has.Some.Contains("'chatsessionid' was read as 'ChatSessionId'"));
        });
    }

    [Test]
    public void Reset_With_Ids_Starts_Ids_And_Generated_Data_Again()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 11 }, new FakeTimeProvider(Noon));
        var first = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}""")).BodyText();
        engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}"""));

        // Act
        engine.Reset(resetIds: true);
        var again = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}""")).BodyText();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(engine.Journal.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Reset_Without_Ids_Keeps_Counting_Ids()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 11 });
        engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}"""));

        // Act
        engine.Reset();
        var response = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Call.Response.ChatMessage!.ChatMessageId, Is.EqualTo(2));
            Assert.That(engine.Journal.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Constructor_Throws_For_Invalid_Options()
    {
        // Act and assert
        Assert.Throws<ChatMockOptionsException>(() => _ = new ChatMockEngine(new ChatMockOptions { JournalCapacity = 0 }));
    }

    private static JToken ReadJson(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
