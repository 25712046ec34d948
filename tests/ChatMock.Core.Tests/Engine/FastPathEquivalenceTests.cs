using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace ChatMock.Core.Tests.Engine;

/// <summary>
/// The engine's faster ways of doing things (issue 6) give exactly what the plain ways gave. The fuzz tests in
/// Robustness/RequestFuzzTests compare the JSON reader and the schema fast path on thousands of generated bodies.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static string ContractsFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts");

    [Test]
    public void UtcTextFormat_Writes_What_The_Custom_Format_String_Writes()
    {
        // Arrange
        var random = new Random(20261124);
        var instants = new List<DateTimeOffset>
        {
            new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
            new(2026, 11, 24, 12, 0, 0, 100, TimeSpan.Zero),
            new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DateTimeOffset.MaxValue,
            new(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)),
        };
        instants.AddRange(Enumerable.Range(0, 10_000).Select(_ => new DateTimeOffset(random.NextInt64(DateTimeOffset.MaxValue.Ticks), TimeSpan.Zero)));

        // Act
        var mismatches = instants
            .Select(instant => (Expected: instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), Actual: UtcText.Format(instant)))
            .Where(pair => pair.Expected != pair.Actual)
            .ToList();

        // Assert
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void SchemaFastPath_Passes_Every_Valid_Example_Without_A_Date()
    {
        // Arrange: a posted WhenPosted goes to NJsonSchema, whose date-time check the fast path does not copy.
        var files = Directory.GetFiles(Path.Combine(ContractsFolder, "examples", "AddChatMessage", "valid"), "*.json")
            .Where(file => !File.ReadAllText(file).Contains("\"WhenPosted\"", StringComparison.Ordinal))
            .ToList();

        // Act
        var refused = files.Where(file => !SchemaFastPath.IsCertainlyValid(JsonElement.Parse(File.ReadAllText(file)), ContractSchemas.Embedded.Request)).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(files, Is.Not.Empty);
            Assert.That(refused.Select(Path.GetFileName), Is.Empty, "a valid example would go the slow way through NJsonSchema");
        });
    }

    [Test]
    public void SchemaFastPath_Passes_No_Invalid_Example()
    {
        // Arrange
        var files = Directory.GetFiles(Path.Combine(ContractsFolder, "examples", "AddChatMessage", "invalid"), "*.json").Where(f => !f.EndsWith(".violations.json", StringComparison.Ordinal)).ToList();
        var validator = new JsonSchemaValidator();

        // Act
        var passed = files
            .Select(file => (File: file, Body: BodyDocuments.Read(File.ReadAllBytes(file))))
            .Where(x => x.Body is { } body && SchemaFastPath.IsCertainlyValid(body, ContractSchemas.Embedded.Request) && validator.Validate(NewtonsoftTree.From(body), ContractSchemas.Embedded.Request).Count > 0)
            .Select(x => Path.GetFileName(x.File))
            .ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(files, Is.Not.Empty);
            Assert.That(passed, Is.Empty);
        });
    }

    [TestCase("""{"ChatSessionId": 403, "Message": null}""")]
    [TestCase("""{"ChatSessionId": -9223372036854775808, "Message": {"ReadByCustomer": 9223372036854775807}}""")]
    [TestCase("""{"ChatSessionId": 92233720368547758080, "n": -92233720368547758080}""")]
    [TestCase("""{"a": 1.5, "b": -0.0, "c": 1e400, "d": 1E-5, "e": 2.0, "f": -0, "g": 0}""")]
    [TestCase("""["\u00e9\u00f8\u20ac\ud83d\ude00", "tab\t", "\"quoted\"", "", null, true, false, [], {}]""")]
    [TestCase("""{"ChatSessionId": 1, "Message": {"Message": "Hei! Jeg får ikke logget inn på «Min side»", "Author": "Bjørn Ødegård"}}""")]
    [TestCase("""  "just a string"  """)]
    public void JsonBodyReader_Builds_The_Tree_Newtonsoft_Built(string json)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(json);

        // Act
        var fastDocument = BodyDocuments.Read(body);
        var slow = JsonBodyReader.TryReadSlowly(body, out var slowDocument, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(fastDocument, Is.Not.Null);
            Assert.That(slow, Is.True);
            var fastTree = NewtonsoftTree.From(fastDocument!.Value);
            Assert.That(JToken.DeepEquals(fastTree, slowDocument), Is.True, $"{fastTree} vs {slowDocument}");
            Assert.That(Types(fastTree), Is.EqualTo(Types(slowDocument!)), "the same CLR types of values");
        });
    }

    [Test]
    public void AnswerWriter_Xml_Reads_Back_As_Written()
    {
        // Arrange: texts of every kind XML 1.0 carries, markup and line breaks among them.
        var random = new Random(7);
        string[] alphabet = ["a", "Z", "0", " ", "&", "<", ">", "\"", "'", "=", "/", ";", "]]>", "&amp;", "«", "æ", "Ø", "é", "€", "😀", "\u00a0", "\u2028", "\ufffd", "\t", "\r", "\n", "\r\n"];
        string? Text() => random.Next(6) switch
        {
            0 => null,
            1 => string.Empty,
            _ => string.Concat(Enumerable.Range(0, random.Next(40)).Select(_ => alphabet[random.Next(alphabet.Length)])),
        };
        ChatMock.Messages.ChatMessage Message() => new()
        {
            ChatMessageId = random.Next(3) == 0 ? null : random.Next(int.MinValue, int.MaxValue),
            ChatSessionId = random.Next(3) == 0 ? null : random.Next(),
            Type = Text(),
            Message = Text(),
            Author = Text(),
            ReadByCustomer = random.Next(3) == 0 ? null : random.Next(2),
            SpecialType = Text(),
            SpecialParam = Text(),
            WhenPosted = Text(),
        };
        var messages = Enumerable.Range(0, 2_000).Select(_ => Message()).ToList();

        // Act: each written, then read with XmlReader as a client would.
        var different = messages
            .Select(m => (Message: m, Read: ReadBack(ChatMock.Answers.AnswerWriter.Xml(ChatMock.Carriers.Carrier.ChatMessage, m, default))))
            .Where(pair => pair.Read != pair.Message)
            .Select(pair => $"{pair.Message}\n  read back: {pair.Read}")
            .Take(3)
            .ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(messages.All(m => ChatMock.Answers.AnswerWriter.Unwritable(ChatMock.Carriers.Carrier.ChatMessage, m) is null), Is.True);
            Assert.That(different, Is.Empty);
        });
    }

    private static ChatMock.Messages.ChatMessage ReadBack(byte[] xml)
    {
        var root = System.Xml.Linq.XDocument.Load(new MemoryStream(xml), System.Xml.Linq.LoadOptions.PreserveWhitespace).Root!;
        System.Xml.Linq.XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        string? Text(string name) => root.Element(name) is { } e && (string?)e.Attribute(xsi + "nil") != "true" ? e.Value : null;
        int? Number(string name) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        return new()
        {
            ChatMessageId = Number("ChatMessageId"),
            ChatSessionId = Number("ChatSessionId"),
            Type = Text("Type"),
            Message = Text("Message"),
            Author = Text("Author"),
            ReadByCustomer = Number("ReadByCustomer"),
            SpecialType = Text("SpecialType"),
            SpecialParam = Text("SpecialParam"),
            WhenPosted = Text("WhenPosted"),
        };
    }

    [Test]
    public void ChatMessage_Written_By_Its_Model_Is_What_The_Property_By_Property_Writer_Writes()
    {
        // Arrange: nulls, zero, negative and large ids, quotes, backslashes, control characters, non-ASCII, emoji and
        // a lone surrogate, all of which the two ways must write the same.
        var random = new Random(20261206);
        string?[] texts = [null, string.Empty, "plain", "a \"quoted\" \\ back\\slash", "line\nbreak\ttab\u0001", "Kari Nordmann Ø. «Min side»", "😀 emoji", "lone \ud800 surrogate", "<b>&amp;</b> 'single' +plus"];
        int?[] numbers = [null, 0, -1, 1, int.MaxValue, int.MinValue];
        var messages = Enumerable.Range(0, 2_000).Select(_ => new ChatMock.Messages.ChatMessage
        {
            ChatMessageId = numbers[random.Next(numbers.Length)],
            ChatSessionId = numbers[random.Next(numbers.Length)],
            Type = texts[random.Next(texts.Length)],
            Message = texts[random.Next(texts.Length)],
            Author = texts[random.Next(texts.Length)],
            ReadByCustomer = numbers[random.Next(numbers.Length)],
            SpecialType = texts[random.Next(texts.Length)],
            SpecialParam = texts[random.Next(texts.Length)],
            WhenPosted = texts[random.Next(texts.Length)],
        }).ToList();
        var style = new AnswerStyle(null, null);

        // Act
        var mismatches = messages
            .Select(message => (
                Model: Encoding.UTF8.GetString(JsonBytes.Write(message, (writer, m) => AnswerWriter.WriteEntity(writer, ChatMock.Carriers.Carrier.ChatMessage, m, style))),
                Properties: Encoding.UTF8.GetString(JsonBytes.Write(message, (writer, m) => AnswerWriter.WriteProperties(writer, ChatMock.Carriers.Carrier.ChatMessage, m, style)))))
            .Where(pair => pair.Model != pair.Properties)
            .ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ChatMock.Carriers.Carrier.ChatMessage.WritesAsModelled, Is.True, "the answer is written by the model's writer");
            Assert.That(ChatMock.Carriers.Carrier.ChatSession.WritesAsModelled, Is.False, "a session's dates are written in the caller's time zone");
            Assert.That(mismatches, Is.Empty);
        });
    }

    [Test]
    public void Journal_Decodes_The_Bodies_It_Keeps_As_Bytes()
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        const string body = """{"ChatSessionId": 517, "Message": {"Type": "ToUser", "Message": "Hei, hvor er pakken min? «Min side»"}}""";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        var call = engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Request.Body, Is.EqualTo(body));
            Assert.That(call.Request.BodyLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
            Assert.That(call.Response.Body, Is.EqualTo(response.BodyText()));
            Assert.That(call.Response.Body, Does.Contain("«Min side»"));
        });
    }

    private static List<string?> Types(JToken token) =>
        (token is JContainer container ? container.DescendantsAndSelf() : [token]).OfType<JValue>().Select(v => v.Value?.GetType().Name).ToList();
}
