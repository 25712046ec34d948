using System.Globalization;
using System.Text.Json;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Routing;

namespace ChatMock.Core.Tests.Chat;

/// <summary>
/// What AddChatMessage has applies to every served chat operation: credentials, XML and form bodies, XML answers,
/// <c>$select</c>, <c>SO-TimeZone</c>, <c>Prefer: code=</c> faults, and the operation's name in the journal.
/// </summary>
public sealed class ChatProtocolParityTests
{
    private const int Seed = 11;

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static readonly Dictionary<string, string[]> Selected = new(StringComparer.Ordinal)
    {
        ["chat-session-entity.schema.json"] = ["ChatSessionId", "Status"],
        ["chat-topic-entity.schema.json"] = ["ChatTopicId", "Name"],
        ["chat-message.response.schema.json"] = ["ChatMessageId", "Message"],
    };

    /// <summary>The date-time properties the brief names, by answer schema.</summary>
    private static readonly Dictionary<string, string[]> Times = new(StringComparer.Ordinal)
    {
        ["chat-session-entity.schema.json"] = ["WhenRequested", "WhenIdle"],
        ["chat-message.response.schema.json"] = ["WhenPosted"],
    };

    private static IEnumerable<string> Operations() => ChatOperationCases.Names();

    private static IEnumerable<string> WithBody() => ChatOperationCases.WithBody();

    private static IEnumerable<string> WithEntityAnswer() => ChatOperationCases.WithEntityAnswer();

    private static IEnumerable<string> WithTimes() => ChatOperationCases.Operations
        .Where(o => o.AnswerSchema is { } file && Times.ContainsKey(file))
        .Select(o => o.ToString());

    [TestCaseSource(nameof(Operations))]
    public void Operation_Without_Credentials_Answers_401_And_Changes_Nothing(string name)
    {
        // Arrange
        var (engine, operation, sessionId) = Arranged(name);
        var before = engine.Chat.Messages(sessionId)!.Count;
        var sessions = engine.Chat.Sessions().Count;

        // Act
        var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed), headers: new KeyValuePair<string, string>("Authorization", string.Empty)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(401), response.BodyText);
            Assert.That(response.Json().GetProperty("Error").GetBoolean(), Is.True);
            Assert.That(engine.Chat.Messages(sessionId)!, Has.Count.EqualTo(before));
            Assert.That(engine.Chat.Sessions(), Has.Count.EqualTo(sessions));
        });
    }

    [TestCaseSource(nameof(WithBody))]
    public void Operation_With_Xml_Or_Form_Body_Answers_Byte_For_Byte_As_With_Json(string name)
    {
        // Arrange
        var answers = new Dictionary<BodyFormat, ChatMockResponse>();

        // Act
        foreach (var format in Enum.GetValues<BodyFormat>())
        {
            var (engine, operation, sessionId) = Arranged(name);
            // An XML body is answered in XML unless the call asks otherwise; the same answer is what is compared.
            answers[format] = engine.Handle(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed), format, booleans: true, headers: new KeyValuePair<string, string>("Accept", "application/json")));
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answers[BodyFormat.Json].StatusCode, Is.EqualTo(ChatOperationCases.Named(name).AnswerStatus), answers[BodyFormat.Json].BodyText);
            Assert.That(answers[BodyFormat.Xml].BodyText(), Is.EqualTo(answers[BodyFormat.Json].BodyText()), () => "XML body: " + answers[BodyFormat.Xml].BodyText());
            Assert.That(answers[BodyFormat.Form].BodyText(), Is.EqualTo(answers[BodyFormat.Json].BodyText()), () => "form body: " + answers[BodyFormat.Form].BodyText());
        });
    }

    [TestCase("application/xml", "<GetChatTranscript><ChatSessionId>{0}</ChatSessionId><Html>true</Html></GetChatTranscript>")]
    [TestCase("application/x-www-form-urlencoded", "ChatSessionId={0}&Html=true")]
    public void GetChatTranscript_With_Boolean_In_Xml_Or_Form_Body_Answers_As_With_Json(string contentType, string template)
    {
        // Arrange
        var (engine, _, sessionId) = Arranged("POST /api/v1/Agents/Chat/GetChatTranscript");
        var request = ChatCall.Agent("GetChatTranscript", string.Format(CultureInfo.InvariantCulture, template, sessionId), headers: new KeyValuePair<string, string>("Accept", "application/json"));
        request = new ChatMockRequest
        {
            Method = request.Method,
            Path = request.Path,
            QueryString = request.QueryString,
            Headers = [.. request.Headers.Where(h => h.Key != "Content-Type"), new("Content-Type", contentType)],
            Body = request.Body,
        };

        // Act
        var response = engine.Handle(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText);
            Assert.That(response.Json().GetString(), Does.StartWith("<div"));
        });
    }

    [TestCaseSource(nameof(WithEntityAnswer))]
    public void Operation_With_Select_Answers_The_Selected_Properties_And_Null_For_The_Others(string name)
    {
        // Arrange
        var (fullEngine, operation, fullSession) = Arranged(name);
        var (engine, _, sessionId) = Arranged(name);
        var keep = Selected[operation.AnswerSchema!];

        // Act
        var full = fullEngine.Handle(ChatOperationCases.Request(operation, fullSession, 1, new Random(Seed))).Json();
        var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed), extraQuery: "$select=" + string.Join(',', keep).ToLowerInvariant()));

        // Assert
        var selected = response.Json();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.BodyText);
            Assert.That(selected.EnumerateObject().Select(p => p.Name), Is.EqualTo(full.EnumerateObject().Select(p => p.Name)), "every property named, as SuperOffice answers");
            foreach (var property in full.EnumerateObject())
            {
                var expected = keep.Contains(property.Name) ? property.Value.GetRawText() : "null";
                Assert.That(selected.GetProperty(property.Name).GetRawText(), Is.EqualTo(expected), property.Name);
            }

            Assert.That(keep.Select(k => full.GetProperty(k).ValueKind), Has.None.EqualTo(JsonValueKind.Null), "the selected properties have values to keep");
        });
    }

    [TestCaseSource(nameof(WithTimes))]
    public void Operation_With_SO_TimeZone_Answers_Every_Date_Time_In_That_Zone(string name)
    {
        // Arrange
        var operation = ChatOperationCases.Named(name);
        var (utcEngine, _, utcSession) = Arranged(name);
        var (localEngine, _, localSession) = Arranged(name);
        var properties = Times[operation.AnswerSchema!];

        // Act
        var utc = utcEngine.Handle(ChatOperationCases.Request(operation, utcSession, 1, new Random(Seed)));
        var local = localEngine.Handle(ChatOperationCases.Request(operation, localSession, 1, new Random(Seed), headers: new KeyValuePair<string, string>("SO-TimeZone", "NO")));

        // Assert
        var utcItems = Items(utc.Json());
        var localItems = Items(local.Json());
        var converted = 0;
        Assert.Multiple(() =>
        {
            Assert.That(localItems, Has.Count.EqualTo(utcItems.Count));
            Assert.That(utcItems, Is.Not.Empty, "answers to compare");
            for (var i = 0; i < Math.Min(utcItems.Count, localItems.Count); i++)
            {
                foreach (var property in properties)
                {
                    var utcText = utcItems[i].GetProperty(property).GetString();
                    var localText = localItems[i].GetProperty(property).GetString();
                    if (utcText is null)
                    {
                        Assert.That(localText, Is.Null, $"item {i}: {property}");
                        continue;
                    }

                    var instant = DateTimeOffset.Parse(utcText, CultureInfo.InvariantCulture);
                    Assert.That(utcText, Does.EndWith("Z"), $"item {i}: {property} in UTC");
                    Assert.That(localText, Is.EqualTo(TimeZoneInfo.ConvertTime(instant, Oslo).DateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture)), $"item {i}: {property} in Oslo time");
                    converted++;
                }
            }

            Assert.That(converted, Is.GreaterThan(0), "some date-time was compared");
        });
    }

    [TestCaseSource(nameof(Operations))]
    public void Operation_With_Prefer_Code_Answers_That_Fault_And_Changes_Nothing(string name)
    {
        foreach (var code in new[] { 404, 503 })
        {
            // Arrange
            var (engine, operation, sessionId) = Arranged(name);
            var before = engine.Chat.Messages(sessionId)!.Count;
            var sessions = engine.Chat.Sessions();

            // Act
            var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed), headers: new KeyValuePair<string, string>("Prefer", "code=" + code.ToString(CultureInfo.InvariantCulture))));

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(code), response.BodyText);
                Assert.That(response.Json().GetProperty("Error").GetBoolean(), Is.True);
                Assert.That(engine.Journal.GetCalls()[^1].Fault, Is.Not.Null);
                Assert.That(engine.Chat.Messages(sessionId)!, Has.Count.EqualTo(before), "no message added by a fault");
                Assert.That(engine.Chat.Sessions(), Is.EqualTo(sessions), "no session changed by a fault");
            });
        }
    }

    [TestCaseSource(nameof(Operations))]
    public void Operation_Called_Is_Recorded_In_The_Journal_By_Its_Name(string name)
    {
        // Arrange
        var (engine, operation, sessionId) = Arranged(name);
        engine.Reset();

        // Act
        var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed)));

        // Assert
        var call = engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Operation, Is.EqualTo(operation.Handler));
            Assert.That(call.Request.Path, Is.EqualTo(ChatOperationCases.Request(operation, sessionId, 1, new Random(Seed)).Path));
            Assert.That(call.Response.StatusCode, Is.EqualTo(response.StatusCode));
            Assert.That(call.Violations, Is.Empty);
        });
    }

    /// <summary>An engine with sample sessions and a new queued session (the one the call is about) holding no message yet.</summary>
    private static (ChatMockEngine Engine, Operation Operation, int SessionId) Arranged(string name)
    {
        var engine = ChatOperationCases.NewEngine(Seed, sampleSessions: 2);
        var operation = ChatOperationCases.Named(name);
        var sessionId = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", """{"ChatTopicId": 1}""")).Json().GetProperty("ChatSessionId").GetInt32();
        if (operation.Handler is "GetChatMessages" or "GetChatTranscript")
        {
            // Messages to read; the status moves on, so PickUpChatSession is given a queued session instead.
            ChatOperationCases.PostMessages(engine, sessionId, 3, new Random(Seed));
        }

        return (engine, operation, sessionId);
    }

    private static List<JsonElement> Items(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Array ? [.. answer.EnumerateArray()] : [answer];
}
