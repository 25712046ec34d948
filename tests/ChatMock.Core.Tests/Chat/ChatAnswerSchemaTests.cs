using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Routing;

namespace ChatMock.Core.Tests.Chat;

/// <summary>
/// Every answer of every served chat operation, for many seeds, with sample sessions and generated messages, against
/// the schema its <c>x-chatmock-answer</c> names: JSON validated item by item, XML parsed with the root the type gives.
/// </summary>
public sealed class ChatAnswerSchemaTests
{
    private const int Seeds = 20;

    /// <summary>Fewer seeds for XML: the shape of the document, not the data, is what is checked there.</summary>
    private const int XmlSeeds = 6;

    private static readonly KeyValuePair<string, string> AcceptXml = new("Accept", "application/xml");

    private static readonly Dictionary<string, string> XmlTypes = new(StringComparer.Ordinal)
    {
        ["chat-session-entity.schema.json"] = "ChatSessionEntity",
        ["chat-topic-entity.schema.json"] = "ChatTopicEntity",
        ["chat-message.response.schema.json"] = "ChatMessage",
    };

    private static IEnumerable<string> Operations() => ChatOperationCases.Names();

    [TestCaseSource(nameof(Operations))]
    public void Answer_For_Many_Seeds_Validates_Against_The_Answer_Schema_Of_The_Contract(string name)
    {
        // Arrange
        var operation = ChatOperationCases.Named(name);
        var schema = operation.AnswerSchema is { } file ? ContractSchemas.Embedded.ByFileName(file) : null;
        var problems = new List<string>();
        var checkedItems = 0;

        for (var seed = 1; seed <= Seeds; seed++)
        {
            var (engine, sessionId, random) = Arranged(seed);

            // Act
            var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, topicId: 1 + (seed % 3), random));

            // Assert (collected)
            if (response.StatusCode != operation.AnswerStatus)
            {
                problems.Add($"seed {seed}: status {response.StatusCode}, not {operation.AnswerStatus}: {response.BodyText()}");
                continue;
            }

            if (operation.AnswerStatus == 204)
            {
                if (!response.Body.IsEmpty)
                {
                    problems.Add($"seed {seed}: a 204 with a body");
                }

                continue;
            }

            var json = response.Json();
            switch (operation.AnswerShape)
            {
                case "value":
                    var expectedKind = operation.AnswerType == "boolean" ? new[] { JsonValueKind.True, JsonValueKind.False } : [JsonValueKind.String];
                    if (!expectedKind.Contains(json.ValueKind))
                    {
                        problems.Add($"seed {seed}: a {json.ValueKind} value, not {operation.AnswerType}");
                    }

                    checkedItems++;
                    break;
                case "array":
                    foreach (var item in json.EnumerateArray())
                    {
                        problems.AddRange(schema!.Validate(item.GetRawText()).Select(e => $"seed {seed}: item {checkedItems}: {e}"));
                        checkedItems++;
                    }

                    break;
                default:
                    // PickUpChatSession answers null for a session already picked up; a sample session may be one.
                    if (json.ValueKind != JsonValueKind.Null)
                    {
                        problems.AddRange(schema!.Validate(json.GetRawText()).Select(e => $"seed {seed}: {e}"));
                        checkedItems++;
                    }

                    break;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, () => string.Join(Environment.NewLine, problems));
            Assert.That(checkedItems, operation.AnswerStatus == 204 ? Is.Zero : Is.GreaterThan(0), "answers were checked, not skipped");
        });
    }

    [TestCaseSource(nameof(Operations))]
    public void Answer_In_Xml_For_Many_Seeds_Parses_With_The_Root_Of_Its_Type(string name)
    {
        // Arrange
        var operation = ChatOperationCases.Named(name);
        var problems = new List<string>();
        string? expectedRoot = operation.AnswerSchema is { } file ? (operation.AnswerShape == "array" ? "ArrayOf" : string.Empty) + XmlTypes[file] : null;

        for (var seed = 1; seed <= XmlSeeds; seed++)
        {
            var (engine, sessionId, random) = Arranged(seed);

            // Act
            var response = engine.Handle(ChatOperationCases.Request(operation, sessionId, topicId: 1 + (seed % 3), random, headers: AcceptXml));

            // Assert (collected)
            if (response.StatusCode != operation.AnswerStatus)
            {
                problems.Add($"seed {seed}: status {response.StatusCode}, not {operation.AnswerStatus}: {response.BodyText()}");
                continue;
            }

            if (operation.AnswerStatus == 204)
            {
                continue;
            }

            XDocument document;
            try
            {
                document = XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
            }
            catch (System.Xml.XmlException ex)
            {
                problems.Add($"seed {seed}: not XML ({ex.Message}): {response.BodyText()}");
                continue;
            }

            var root = document.Root!;
            var isNil = (string?)root.Attribute(XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance")) == "true";
            if (expectedRoot is not null && root.Name.LocalName != expectedRoot)
            {
                problems.Add($"seed {seed}: the root is <{root.Name.LocalName}>, not <{expectedRoot}>");
            }

            if (operation.AnswerShape == "array" && !isNil && root.Elements().Any(e => e.Name.LocalName != XmlTypes[operation.AnswerSchema!]))
            {
                problems.Add($"seed {seed}: an item of <{root.Name.LocalName}> is no <{XmlTypes[operation.AnswerSchema!]}>");
            }

            if (!response.ContentType!.StartsWith("application/xml", StringComparison.Ordinal))
            {
                problems.Add($"seed {seed}: answered as {response.ContentType}");
            }
        }

        Assert.That(problems, Is.Empty, () => string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// An engine of the seed with sample sessions; for an even seed one of them (chosen by the seed) gets generated
    /// messages, for an odd seed a new session waits in the queue.
    /// </summary>
    private static (ChatMockEngine Engine, int SessionId, Random Random) Arranged(int seed)
    {
        var random = new Random(seed);
        var engine = ChatOperationCases.NewEngine(seed, sampleSessions: 1 + (seed % 4));
        if (seed % 2 == 1)
        {
            // A session still in the queue, as a front end makes it: the one PickUpChatSession picks up.
            var queued = engine.Handle(ChatCall.Agent("CreateChatSessionForTopic", $$"""{"ChatTopicId": {{1 + (seed % 3)}}}""")).Json();
            return (engine, queued.GetProperty("ChatSessionId").GetInt32(), random);
        }

        var sessions = engine.Chat.Sessions();
        var sessionId = sessions[random.Next(sessions.Count)].ChatSessionId!.Value;
        ChatOperationCases.PostMessages(engine, sessionId, random.Next(1, 6), random);
        return (engine, sessionId, random);
    }
}
