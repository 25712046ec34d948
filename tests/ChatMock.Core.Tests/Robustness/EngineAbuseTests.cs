using System.Diagnostics;
using System.Text;
using ChatMock.Answers;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>
/// Bodies an attacker or a careless client sends to make the engine spend time or memory: each is answered with a
/// bounded error answer, the call is recorded cut to size, and the engine goes on answering valid calls. The time
/// bound is generous (a guard against the quadratic and unbounded work these once caused), not a benchmark.
/// </summary>
public sealed class EngineAbuseTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static IEnumerable<TestCaseData> AbusiveBodies()
    {
        yield return new TestCaseData(UnknownJsonProperties(90_000), "application/json").SetName("Json_With_90000_Unknown_Properties");
        yield return new TestCaseData(UnknownJsonProperties(100_000, nameLength: 2), "application/json").SetName("Json_With_100000_Unknown_Properties");
        yield return new TestCaseData(UnknownFormFields(100_000), "application/x-www-form-urlencoded").SetName("Form_With_100000_Unknown_Fields");
        yield return new TestCaseData(UnknownFormFields(140_000, nameLength: 1, value: string.Empty), "application/x-www-form-urlencoded").SetName("Form_With_140000_Unknown_Fields");
        yield return new TestCaseData(UnknownXmlElements(60_000), "application/xml").SetName("Xml_With_60000_Unknown_Elements");
        yield return new TestCaseData(LongPropertyNames(20, 40_000), "application/json").SetName("Json_With_Long_Unknown_Names");
        yield return new TestCaseData(WrongTypes(50_000), "application/json").SetName("Json_With_50000_Wrong_Types_In_An_Array");
    }

    [TestCaseSource(nameof(AbusiveBodies))]
    public void AddChatMessage_Answers_An_Abusive_Body_Quickly_And_Briefly(string body, string contentType)
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.LessThanOrEqualTo(1_048_576), "the body is within MaxRequestBodyBytes");

        // Act
        var watch = Stopwatch.StartNew();
        var response = engine.Handle(EngineRequests.AddChatMessage(body, contentType));
        watch.Stop();
        TestContext.Out.WriteLine($"engine time: {watch.Elapsed.TotalMilliseconds:F1} ms, answer {response.Body.Length} bytes");
        var kept = engine.Journal.GetCalls().Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(watch.Elapsed, Is.LessThan(Generous), "the engine's time for one body");
            Assert.That(response.Body.Length, Is.LessThan(64 * 1024), "the error answer stays small whatever the body");
            Assert.That(response.Call.Violations, Has.Count.LessThanOrEqualTo(ErrorAnswers.MaxViolationsReported + 1));
            Assert.That(kept.Violations, Has.Count.LessThanOrEqualTo(101));
            Assert.That(kept.Request.Body.Length, Is.LessThanOrEqualTo(64 * 1024));
            Assert.That(kept.Request.BodyLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
        });

        var valid = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 1, "Message": null}"""));
        Assert.That(valid.StatusCode, Is.EqualTo(200), "a valid call is still answered");
    }

    [TestCase("application/json", "/Message")]
    [TestCase("application/xml", "/Message")]
    [TestCase("application/x-www-form-urlencoded", "/Message/")]
    public void AddChatMessage_Refuses_An_Object_Of_More_Than_A_Thousand_Properties_Once(string contentType, string path)
    {
        // Arrange: 1,001 properties in Message.
        var names = Enumerable.Range(0, 1001).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var body = contentType switch
        {
            "application/json" => "{\"ChatSessionId\": 1, \"Message\": {" + string.Join(',', names.Select(n => $"\"{n}\":1")) + "}}",
            "application/xml" => "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message>" + string.Concat(names.Select(n => $"<{n}/>")) + "</Message></AddChatMessage>",
            _ => "ChatSessionId=1&" + string.Join('&', names.Select(n => $"Message.{n}=1")),
        };
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body, contentType));

        // Assert
        var violation = response.Call.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(violation.Path, Does.StartWith(path));
            Assert.That(violation.Message, Does.Contain("more than 1000"));
        });
    }

    [Test]
    public void AddChatMessage_Describes_A_Thousand_Unknown_Properties_Up_To_A_Hundred()
    {
        // Arrange: as many as an object may have; each is unknown.
        var body = "{\"ChatSessionId\": 1, \"Message\": {" + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"\"p{i}\":1")) + "}}";
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Call.Violations, Has.Count.EqualTo(ErrorAnswers.MaxViolationsReported + 1));
            Assert.That(response.Call.Violations[^1].Message, Does.Contain("900 more violations are not listed").And.Contain("in 1000 places"));
            Assert.That(response.BodyText(), Does.Contain("contract in 1000 places"));
        });
    }

    [Test]
    public void AddChatMessage_With_A_Message_Of_A_Megabyte_Is_Kept_Cut_To_Size()
    {
        // Arrange: a valid call whose message text is close to the body limit.
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var text = new string('x', 1_000_000);
        var body = $$$"""{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "{{{text}}}"}}""";

        // Act
        var response = engine.Handle(EngineRequests.AddChatMessage(body));
        var kept = engine.Journal.GetCalls().Single();

        // Assert: the client gets its whole message back; the journal keeps a cut copy with the full sizes.
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Body.Length, Is.GreaterThan(1_000_000));
            Assert.That(kept.Request.Body.Length, Is.EqualTo(64 * 1024));
            Assert.That(kept.Request.BodyLength, Is.EqualTo(body.Length));
            Assert.That(kept.Response.Body.Length, Is.EqualTo(64 * 1024));
            Assert.That(kept.Response.BodyLength, Is.EqualTo(response.Body.Length));
            Assert.That(kept.AddChatMessage!.Message!.Message, Has.Length.LessThan(8_300).And.EndsWith("(cut: 1000000 characters in all)"));
            Assert.That(kept.Response.ChatMessage!.Message, Has.Length.LessThan(8_300));
        });
    }

    [Test]
    public void Journal_Keeps_Within_Its_Byte_Budget_Dropping_The_Oldest_Calls()
    {
        // Arrange: the smallest budget, and calls of about 200 KB each as kept.
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1, JournalMaxBytes = 1_048_576 });
        var body = $$$"""{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "{{{new string('y', 500_000)}}}"}}""";

        // Act
        for (var i = 0; i < 50; i++)
        {
            engine.Handle(EngineRequests.AddChatMessage(body));
        }

        var calls = engine.Journal.GetCalls();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(engine.Journal.KeptBytes, Is.LessThanOrEqualTo(1_048_576));
            Assert.That(calls.Count, Is.InRange(3, 49));
            Assert.That(calls[^1].Id, Is.EqualTo(50), "the newest call is kept");
            Assert.That(calls.Select(c => c.Id), Is.Ordered.Ascending);
            Assert.That(engine.Journal.TotalRecorded, Is.EqualTo(50));
            Assert.That(engine.Journal.Find(1), Is.Null, "the oldest went");
        });
    }

    private static string UnknownJsonProperties(int count, int nameLength = 4)
    {
        var builder = new StringBuilder("""{"ChatSessionId": 1, "Message": null""");
        for (var i = 0; i < count; i++)
        {
            builder.Append(",\"").Append(Name(i, nameLength)).Append("\":1");
        }

        return builder.Append('}').ToString();
    }

    private static string UnknownFormFields(int count, int nameLength = 2, string value = "1")
    {
        var builder = new StringBuilder("ChatSessionId=1");
        for (var i = 0; i < count; i++)
        {
            builder.Append('&').Append(Name(i, nameLength)).Append('=').Append(value);
        }

        return builder.ToString();
    }

    private static string UnknownXmlElements(int count)
    {
        var builder = new StringBuilder("<AddChatMessage><ChatSessionId>1</ChatSessionId>");
        for (var i = 0; i < count; i++)
        {
            var name = "e" + Name(i, 3);
            builder.Append('<').Append(name).Append("/>");
        }

        return builder.Append("</AddChatMessage>").ToString();
    }

    private static string LongPropertyNames(int count, int length)
    {
        var builder = new StringBuilder("""{"ChatSessionId": 1""");
        for (var i = 0; i < count; i++)
        {
            builder.Append(",\"").Append(Name(i, 3)).Append(new string('n', length)).Append("\":1");
        }

        return builder.Append('}').ToString();
    }

    private static string WrongTypes(int count) =>
        """{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": [""" + string.Join(',', Enumerable.Repeat("1", count)) + "]}}";

    /// <summary>A distinct name for each number: letters only, at least <paramref name="length"/> of them.</summary>
    private static string Name(int number, int length)
    {
        var name = new StringBuilder();
        do
        {
            name.Insert(0, (char)('a' + (number % 26)));
            number /= 26;
        }
        while (number > 0);

        while (name.Length < length)
        {
            name.Insert(0, 'a');
        }

        return name.ToString();
    }
}
