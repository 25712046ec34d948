using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>
/// 20,000 generated bad inputs against the engine: each gets a 4xx with the error envelope, never a 5xx or an
/// exception, everything is recorded, and a valid request is still answered afterwards. The seed is printed, and
/// CHATMOCK_FUZZ_SEED replays a run.
/// </summary>
public sealed class EngineFuzzTests
{
    private const int Inputs = 20_000;

    [Test]
    public void Engine_Refuses_Every_Bad_Input_With_A_4xx_Envelope_And_Keeps_Serving()
    {
        // Arrange
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHATMOCK_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 20261124;
        TestContext.Out.WriteLine($"Fuzz seed {seed} (replay with CHATMOCK_FUZZ_SEED={seed})");
        var generator = new BadInputGenerator(seed);
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var failures = new List<string>();
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);

        // Act
        for (var i = 0; i < Inputs; i++)
        {
            var (kind, request) = generator.Next();
            perKind[kind] = perKind.GetValueOrDefault(kind) + 1;
            ChatMockResponse response;
            try
            {
                response = engine.Handle(request);
            }
            catch (Exception ex)
            {
                failures.Add($"#{i} {kind}: threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (Problem(response) is { } problem && failures.Count < 20)
            {
                failures.Add($"#{i} {kind}: {problem}; body sent: {Shorten(Encoding.UTF8.GetString(request.Body.Span))}");
            }
        }

        var valid = engine.Handle(EngineRequests.AddChatMessage("""{"ChatSessionId": 403, "Message": null}"""));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"seed {seed}");
            Assert.That(perKind.Keys, Is.EquivalentTo(generator.Kinds), "every kind of bad input was tried");
            Assert.That(engine.Journal.TotalRecorded, Is.EqualTo(Inputs + 1), "every call was recorded");
            Assert.That(valid.StatusCode, Is.EqualTo(200), valid.BodyText());
        });
    }

    [Test]
    public void Generator_Gives_The_Same_Inputs_For_The_Same_Seed()
    {
        // Arrange
        var first = new BadInputGenerator(7);
        var second = new BadInputGenerator(7);

        // Act
        var a = Enumerable.Range(0, 200).Select(_ => Encoding.UTF8.GetString(first.Next().Request.Body.Span)).ToList();
        var b = Enumerable.Range(0, 200).Select(_ => Encoding.UTF8.GetString(second.Next().Request.Body.Span)).ToList();

        // Assert
        Assert.That(a, Is.EqualTo(b));
    }

    /// <summary>Returns what is wrong with an answer to a bad input, or null when it is a 4xx with the envelope.</summary>
    internal static string? Problem(ChatMockResponse response)
    {
        if (response.StatusCode is < 400 or > 499)
        {
            return $"answered {response.StatusCode}: {Shorten(response.BodyText())}";
        }

        try
        {
            if (response.ContentType.Contains("xml", StringComparison.Ordinal))
            {
                var root = XDocument.Parse(response.BodyText()).Root!;
                return root.Name.LocalName == "Error" && root.Element("Error")?.Value == "true" && root.Element("ErrorMessage") is not null
                    ? null
                    : "the XML answer is not the error envelope";
            }

            using var json = JsonDocument.Parse(response.Body);
            var envelope = json.RootElement;
            return envelope.GetProperty("Error").GetBoolean() && envelope.GetProperty("ErrorMessage").GetString() is { Length: > 0 }
                && envelope.GetProperty("ErrorType").GetString() is { Length: > 0 } && envelope.GetProperty("ErrorSource").GetString() == "ChatMock"
                ? null
                : "the answer is not the error envelope";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or System.Xml.XmlException)
        {
            return $"the {response.StatusCode} answer is not the error envelope: {Shorten(response.BodyText())}";
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
