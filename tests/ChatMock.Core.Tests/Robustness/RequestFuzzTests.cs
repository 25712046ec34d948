using System.Diagnostics;
using System.Text;
using ChatMock.Bodies;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>
/// Thousands of generated bad requests against the engine: each must get a 4xx with the error envelope, never a
/// 5xx or an exception, and the engine must answer a good request afterwards. The generator is seeded; a failure
/// prints the seed, and <c>CHATMOCK_FUZZ_SEED=&lt;seed&gt; dotnet test --filter RequestFuzzTests</c> replays it.
/// </summary>
public sealed class RequestFuzzTests
{
    private const int BadRequests = 20_000;
    private const int MaxReported = 10;

    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Handle_Answers_Every_Bad_Request_With_A_4xx_Envelope_And_Keeps_Serving()
    {
        // Arrange
        var seed = BadRequestGenerator.RunSeed();
        TestContext.Progress.WriteLine($"RequestFuzzTests seed {seed} (replay: {BadRequestGenerator.SeedVariable}={seed})");
        var generator = new BadRequestGenerator(seed);
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1, JournalCapacity = 100 }, new FakeTimeProvider(Noon));
        var failures = new List<string>();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();

        // Act
        for (var i = 0; i < BadRequests && failures.Count < MaxReported; i++)
        {
            var bad = generator.Next();
            kinds[bad.Kind] = kinds.GetValueOrDefault(bad.Kind) + 1;
            try
            {
                var response = engine.Handle(ToEngineRequest(bad));
                var problem = response.DropConnection
                    ? "the connection was dropped"
                    : ErrorEnvelopeAssert.Problem(bad, response.StatusCode, response.ContentType, response.Body.ToArray())
                        ?? (response.Call.Response.StatusCode == response.StatusCode ? null : "the journal recorded another status");
                if (problem is not null)
                {
                    failures.Add($"#{i} {bad}\n    -> {problem}");
                }
            }
#pragma warning disable CA1031 // Any exception is a failure to report, with the request that caused it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"#{i} {bad}\n    -> threw {ex}");
            }
        }

        var afterwards = engine.Handle(EngineRequestFor("""{"ChatSessionId": 403, "Message": null}"""));
        TestContext.Progress.WriteLine($"RequestFuzzTests: {kinds.Values.Sum()} bad requests of {kinds.Count} kinds in {clock.Elapsed.TotalSeconds:0.0} s");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"Seed {seed} (replay: {BadRequestGenerator.SeedVariable}={seed}); first failures:\n{string.Join("\n", failures)}");
            Assert.That(kinds.Values.Sum(), Is.EqualTo(BadRequests));
            Assert.That(kinds, Has.Count.GreaterThanOrEqualTo(generator.KindCount), "every kind of bad request was tried");
            Assert.That(afterwards.StatusCode, Is.EqualTo(200), Encoding.UTF8.GetString(afterwards.Body.Span));
            Assert.That(engine.Journal.TotalRecorded, Is.EqualTo(BadRequests + 1), "every call was recorded");
        });
    }

    [Test]
    public void Handle_Answers_Absurd_Select_On_A_Good_Call_With_200()
    {
        // Arrange
        var seed = BadRequestGenerator.RunSeed();
        var generator = new BadRequestGenerator(seed);
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1, JournalCapacity = 100 }, new FakeTimeProvider(Noon));
        var failures = new List<string>();

        // Act
        for (var i = 0; i < 500 && failures.Count < MaxReported; i++)
        {
            var select = generator.AbsurdSelect();
            var request = EngineRequestFor("""{"ChatSessionId": 403, "Message": null}""", "?" + select);
            var response = engine.Handle(request);
            if (response.StatusCode != 200)
            {
                failures.Add($"?{select[..Math.Min(select.Length, 200)]} -> {response.StatusCode} {Encoding.UTF8.GetString(response.Body.Span)}");
            }
        }

        // Assert
        Assert.That(failures, Is.Empty, $"Seed {seed} (replay: {BadRequestGenerator.SeedVariable}={seed}):\n{string.Join("\n", failures)}");
    }

    [Test]
    public void JsonBodyReader_Reads_Every_Fuzzed_Body_As_Newtonsoft_Did()
    {
        // Arrange
        var seed = BadRequestGenerator.RunSeed();
        var generator = new BadRequestGenerator(seed);
        var failures = new List<string>();

        // Act: the reader against the two-pass reading it replaced, on bad and on well-formed bodies; a lone
        // surrogate is read as U+FFFD, as every writer of ChatMock's writes it.
        for (var i = 0; i < 5_000 && failures.Count < MaxReported; i++)
        {
            var body = i % 2 == 0 ? generator.Next().Body : Encoding.UTF8.GetBytes(generator.NextWellFormedJson());
            var fast = JsonBodyReader.TryRead(body, out var fastElement, out var fastViolation);
            var fastDocument = fast ? NewtonsoftTree.From(fastElement!.RootElement) : null;
            fastElement?.Dispose();
            var slow = ReadSlowly(body, out var slowDocument, out var slowViolation);
            slowDocument = slowDocument is null ? null : WithReplacementCharacters(slowDocument);
            if (fast != slow || !Equals(fastViolation, slowViolation) || !SameTree(fastDocument, slowDocument))
            {
                failures.Add($"{Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))}\n    -> fast {fast} {fastViolation} {fastDocument?.ToString(Newtonsoft.Json.Formatting.None)}\n    -> slow {slow} {slowViolation} {slowDocument?.ToString(Newtonsoft.Json.Formatting.None)}");
            }
        }

        // Assert
        Assert.That(failures, Is.Empty, $"Seed {seed} (replay: {BadRequestGenerator.SeedVariable}={seed}):\n{string.Join("\n", failures)}");
    }

    [Test]
    public void SchemaFastPath_Never_Passes_A_Body_NJsonSchema_Refuses()
    {
        // Arrange
        var seed = BadRequestGenerator.RunSeed();
        var generator = new BadRequestGenerator(seed);
        var schema = ContractSchemas.Embedded.Request;
        var validator = new JsonSchemaValidator();
        var failures = new List<string>();
        var passed = 0;

        // Act
        for (var i = 0; i < 5_000 && failures.Count < MaxReported; i++)
        {
            var text = i % 3 == 0 ? ValidVariant(i) : generator.NextWellFormedJson();
            if (BodyDocuments.Read(Encoding.UTF8.GetBytes(text)) is not { } document || !SchemaFastPath.IsCertainlyValid(document, schema))
            {
                continue;
            }

            passed++;
            var errors = validator.Validate(NewtonsoftTree.From(document), schema);
            if (errors.Count > 0)
            {
                failures.Add($"{text} -> {string.Join("; ", errors)}");
            }
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"Seed {seed} (replay: {BadRequestGenerator.SeedVariable}={seed}):\n{string.Join("\n", failures)}");
            Assert.That(passed, Is.GreaterThan(1_000), "the fast path passed the valid variants");
        });
    }

    /// <summary>Valid bodies of many shapes: every documented property, in turn null, left out or set.</summary>
    private static string ValidVariant(int i)
    {
        var random = new Random(i);
        var properties = new List<string> { $"\"ChatSessionId\": {random.Next(int.MinValue, int.MaxValue)}" };
        var message = new List<string>();
        string[] types = ["Invalid", "ToCustomer", "ToUser", "Special"];
        string[] specialTypes = ["None", "Welcome", "Url", "Options", "ClosedByIdle", "IllegalFileType"];
        void Maybe(string name, string value)
        {
            switch (random.Next(3))
            {
                case 0:
                    message.Add($"\"{name}\": {value}");
                    break;
                case 1 when name is "Message" or "Author" or "SpecialParam":
                    message.Add($"\"{name}\": null");
                    break;
            }
        }

        Maybe("ChatMessageId", random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Maybe("ChatSessionId", random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Maybe("Type", $"\"{types[random.Next(types.Length)]}\"");
        Maybe("Message", "\"" + new string('m', random.Next(2000)) + "\"");
        Maybe("Author", "\"" + new string('a', random.Next(256)) + "\"");
        Maybe("ReadByCustomer", random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Maybe("SpecialType", $"\"{specialTypes[random.Next(specialTypes.Length)]}\"");
        Maybe("SpecialParam", "\"" + new string('p', random.Next(256)) + "\"");
        switch (random.Next(3))
        {
            case 0:
                properties.Add("\"Message\": null");
                break;
            case 1:
                properties.Add($"\"Message\": {{{string.Join(", ", message)}}}");
                break;
        }

        return $"{{{string.Join(", ", properties)}}}";
    }

    private static bool ReadSlowly(byte[] body, out JToken? document, out ContractViolation? violation)
    {
        // What TryRead does before it reaches the parser: the byte order mark, blank and invalid UTF-8 bodies.
        var fast = JsonBodyReader.TryRead(body, out var read, out var early);
        read?.Dispose();
        if (early is not null && (early.Message.StartsWith("The request body is empty", StringComparison.Ordinal)
            || early.Message.StartsWith("The request body is not valid UTF-8", StringComparison.Ordinal)))
        {
            document = null;
            violation = early;
            return fast;
        }

        var span = body.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        return JsonBodyReader.TryReadSlowly(span, out document, out violation);
    }

    /// <summary>The tree with each lone surrogate in its names and texts replaced by U+FFFD.</summary>
    private static JToken WithReplacementCharacters(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().Select(p => new JProperty(Replaced(p.Name), WithReplacementCharacters(p.Value)))),
        JArray array => new JArray(array.Select(WithReplacementCharacters)),
        JValue { Value: string text } => new JValue(Replaced(text)),
        _ => token.DeepClone(),
    };

    private static string Replaced(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>The same tree, with the same CLR types of values (long, BigInteger, double, string, bool, null).</summary>
    private static bool SameTree(JToken? a, JToken? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (!JToken.DeepEquals(a, b))
        {
            return false;
        }

        return ValueTypes(a).SequenceEqual(ValueTypes(b));
    }

    private static IEnumerable<Type?> ValueTypes(JToken token)
    {
        IEnumerable<JToken> all = token is JContainer container ? container.DescendantsAndSelf() : [token];
        return all.OfType<JValue>().Select(v => v.Value?.GetType());
    }

    private static ChatMockRequest ToEngineRequest(BadRequest bad) => new()
    {
        Method = bad.Method,
        Path = bad.Path,
        QueryString = bad.QueryString,
        Headers = bad.ContentType is null ? bad.Headers : [.. bad.Headers, new("Content-Type", bad.ContentType)],
        Body = bad.Body,
    };

    private static ChatMockRequest EngineRequestFor(string body, string queryString = "") => new()
    {
        Method = "POST",
        Path = BadRequestGenerator.Path,
        QueryString = queryString,
        Headers = [new("Authorization", "Basic dGplMDpUamUw"), new("Content-Type", "application/json")],
        Body = Encoding.UTF8.GetBytes(body),
    };
}
