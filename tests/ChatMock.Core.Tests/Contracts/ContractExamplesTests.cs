using System.Globalization;
using System.Text;
using ChatMock.Contracts;
using ChatMock.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Core.Tests.Contracts;

/// <summary>
/// Checks the contract as data (STYLE.md item 13): every example in <c>contracts/examples</c> against the schemas,
/// every invalid example against the violations its sidecar lists, and the OpenAPI document against the files
/// it refers to and the answers the engine gives.
/// </summary>
public sealed class ContractExamplesTests
{
    private const string DocumentationSample = "valid/doc-sample-request.json";
    private const string SidecarSuffix = ".violations.json";
    private const string OpenApiFile = "openapi.json";
    private const string EmbeddedResourcePrefix = "ChatMock.Contracts.";

    /// <summary>The documentation sample's credentials, which ChatMock accepts by default.</summary>
    private static readonly KeyValuePair<string, string> Credentials = new("Authorization", "Basic dGplMDpUamUw");

    private static readonly Lazy<ContractSchemas> FolderSchemas = new(() => ContractSchemas.FromFolder(ContractsFolder));

    private static string ContractsFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts");

    private static string ExamplesFolder => Path.Combine(ContractsFolder, "examples");

    [TestCaseSource(nameof(ValidExamples))]
    public void ValidExample_Against_Request_Schema_Has_No_Violations(string example)
    {
        // Arrange
        var body = ReadJson(ExamplePath(example));

        // Act
        var result = Validate(ContractSchemas.Embedded, body);

        // Assert
        Assert.That(result.Violations, Is.Empty, () => string.Join(Environment.NewLine, result.Violations));
    }

    [TestCaseSource(nameof(InvalidExamples))]
    public void InvalidExample_Against_Request_Schema_Reports_The_Violations_Of_Its_Sidecar(string example)
    {
        // Arrange
        var body = ReadJson(ExamplePath(example));
        var expected = ReadSidecar(ExamplePath(example));

        // Act
        var result = Validate(ContractSchemas.Embedded, body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.Not.Empty, "a sidecar must list at least one violation");
            Assert.That(result.Violations, Is.EqualTo(expected), () => "Actual violations:" + Environment.NewLine + ToSidecarJson(result.Violations));
        });
    }

    [TestCaseSource(nameof(AllExamples))]
    public void Example_With_Schemas_From_Folder_Gives_The_Same_Result_As_Embedded_Schemas(string example)
    {
        // Arrange
        var text = File.ReadAllText(ExamplePath(example));

        // Act
        var embedded = Validate(ContractSchemas.Embedded, ParseJson(text));
        var fromFolder = Validate(FolderSchemas.Value, ParseJson(text));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(fromFolder.Violations, Is.EqualTo(embedded.Violations));
            Assert.That(fromFolder.Warnings, Is.EqualTo(embedded.Warnings));
        });
    }

    [Test]
    public void Examples_Folder_Holds_The_Documentation_Sample_First_And_Enough_Cases()
    {
        // Arrange
        var valid = ValidExamples().ToList();
        var invalid = InvalidExamples().ToList();

        // Act
        var first = valid.FirstOrDefault();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(DocumentationSample));
            Assert.That(valid, Has.Count.GreaterThanOrEqualTo(8));
            Assert.That(invalid, Has.Count.GreaterThanOrEqualTo(15));
        });
    }

    [Test]
    public void DocumentationSample_Is_The_Request_Of_The_Documentation_Page()
    {
        // Arrange
        var expected = JObject.Parse("""{"ChatSessionId": 403, "Message": null}""");

        // Act
        var sample = ReadJson(ExamplePath(DocumentationSample));

        // Assert
        Assert.That(JToken.DeepEquals(sample, expected), Is.True, sample.ToString());
    }

    [Test]
    public void InvalidExamples_Each_Have_A_Sidecar_And_Each_Sidecar_An_Example()
    {
        // Arrange
        var files = Directory.GetFiles(Path.Combine(ExamplesFolder, "invalid")).Select(Path.GetFileName).OfType<string>().ToList();

        // Act
        var sidecars = files.Where(IsSidecar).Select(f => f[..^SidecarSuffix.Length]).ToHashSet(StringComparer.Ordinal);
        var examples = files.Where(f => !IsSidecar(f)).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(files.Where(f => !f.EndsWith(".json", StringComparison.Ordinal)), Is.Empty, "only .json files belong in examples/invalid");
            Assert.That(examples.Except(sidecars), Is.Empty, "examples without a sidecar");
            Assert.That(sidecars.Except(examples), Is.Empty, "sidecars without an example");
        });
    }

    [Test]
    public void EmbeddedSchemas_Are_Exactly_The_Schema_Files_Of_The_Contracts_Folder()
    {
        // Arrange
        var files = SchemaFiles().ToList();

        // Act
        var embedded = typeof(ContractSchemas).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[EmbeddedResourcePrefix.Length..])
            .ToList();

        // Assert
        Assert.That(embedded, Is.EquivalentTo(files));
    }

    [TestCaseSource(nameof(SchemaFiles))]
    public void EmbeddedSchema_Is_Byte_Identical_To_The_File_In_The_Contracts_Folder(string fileName)
    {
        // Arrange
        var onDisk = File.ReadAllBytes(Path.Combine(ContractsFolder, fileName));

        // Act
        using var stream = typeof(ContractSchemas).Assembly.GetManifestResourceStream(EmbeddedResourcePrefix + fileName);
        using var copy = new MemoryStream();
        stream?.CopyTo(copy);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stream, Is.Not.Null, $"{fileName} is not embedded in ChatMock.Core");
            Assert.That(copy.ToArray(), Is.EqualTo(onDisk));
        });
    }

    [Test]
    public void OpenApi_Document_Parses_As_An_OpenApi_3_1_Json_Object()
    {
        // Arrange
        var text = File.ReadAllText(Path.Combine(ContractsFolder, OpenApiFile));

        // Act
        var document = ParseJson(text);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(document.Type, Is.EqualTo(JTokenType.Object));
            Assert.That((string?)document["openapi"], Does.StartWith("3.1."));
        });
    }

    [Test]
    public void OpenApi_Document_Every_Ref_Points_At_An_Existing_File_Or_Component()
    {
        // Arrange
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));
        var refs = document.SelectTokens("$..['$ref']").Select(t => (string)t!).ToList();

        // Act
        var broken = refs.Where(r => !Resolves(document, r)).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(refs.Where(r => !r.StartsWith('#')), Is.Not.Empty, "the document refers to the schema files");
            Assert.That(broken, Is.Empty);
        });
    }

    [Test]
    public void OpenApi_Document_Names_The_AddChatMessage_Path_With_Post_And_Get()
    {
        // Arrange
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));

        // Act
        var path = ((JObject)document["paths"]!).Property(ChatMockRoutes.AddChatMessage, StringComparison.Ordinal)?.Value;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(path, Is.Not.Null, $"paths has no '{ChatMockRoutes.AddChatMessage}'");
            Assert.That(path?["post"]?["operationId"]?.ToString(), Is.EqualTo("v1ChatAgent_AddChatMessage"));
            Assert.That(path?["get"]?["responses"]?["200"]?["content"]?["text/plain"], Is.Not.Null);
        });
    }

    [Test]
    public void OpenApi_Document_Request_Example_Is_The_Documentation_Sample()
    {
        // Arrange
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));
        var sample = ReadJson(ExamplePath(DocumentationSample));

        // Act
        var examples = document.SelectTokens("$.paths.*.post.requestBody.content.*.examples.*.value").ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(examples, Has.Count.EqualTo(1));
            Assert.That(examples.All(e => JToken.DeepEquals(e, sample)), Is.True, string.Join(Environment.NewLine, examples));
        });
    }

    [TestCaseSource(nameof(OpenApiExamples))]
    public void OpenApi_Document_Example_Validates_Against_Its_Schema(string mediaTypePath)
    {
        // Arrange
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));
        var media = document.SelectToken(mediaTypePath)!;
        var schema = SchemaOf(document, media["schema"]!);

        // Act
        var failures = media["examples"]!.Children<JProperty>()
            .SelectMany(e => Validate(schema, e.Value["value"]!.DeepClone()).Violations.Select(v => $"{e.Name}: {v}"))
            .ToList();

        // Assert
        Assert.That(failures, Is.Empty);
    }

    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403, "Message": null}""", 200)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "text/json", """{"ChatSessionId": 403}""", 200)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": "abc", "Message": null}""", 400)]
    [TestCase("POST", "/api/v1/Agents/Chat/AddChatMesage", "application/json", """{"ChatSessionId": 403}""", 404)]
    [TestCase("DELETE", ChatMockRoutes.AddChatMessage, null, "", 405)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403, "Message": {"Message": "This body is longer than the limit of the test."}}""", 413)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "text/plain", "ChatSessionId=403", 415)]
    [TestCase("GET", ChatMockRoutes.AddChatMessage, null, "", 200)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403}""", 401, false)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/xml", "<r><ChatSessionId>403</ChatSessionId></r>", 200)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "text/xml", "<r><ChatSessionId>x</ChatSessionId></r>", 400)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/x-www-form-urlencoded", "ChatSessionId=403", 200)]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403}""", 406, true, "Accept: text/html")]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403}""", 503, true, "Prefer: code=503")]
    [TestCase("POST", ChatMockRoutes.AddChatMessage, "application/json", """{"ChatSessionId": 403}""", 200, true, "Accept: text/xml")]
    [TestCase("OPTIONS", ChatMockRoutes.AddChatMessage, null, "", 204, false, "Access-Control-Request-Method: POST")]
    [TestCase("OPTIONS", ChatMockRoutes.AddChatMessage, null, "", 204, false)]
    public void OpenApi_Document_Declares_The_Answer_The_Engine_Gives(string method, string path, string? contentType, string body, int expectedStatus, bool withCredentials = true, string? header = null)
    {
        // Arrange
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1, MaxRequestBodyBytes = 64 });
        var headers = new List<KeyValuePair<string, string>>();
        if (withCredentials)
        {
            headers.Add(Credentials);
        }

        if (header is not null)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(header[..colon], header[(colon + 1)..].Trim()));
            if (header.StartsWith("Access-Control", StringComparison.Ordinal))
            {
                headers.Add(new("Origin", "http://localhost:3000"));
            }
        }

        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        var request = new ChatMockRequest { Method = method, Path = path, Headers = headers, Body = Encoding.UTF8.GetBytes(body) };

        // Act
        var response = engine.Handle(request);

        // OpenAPI has no place for a method or path it does not describe: their 404 and 405 are declared on POST.
        var operations = document.SelectToken($"$.paths['{ChatMockRoutes.AddChatMessage}']")!;
        var operation = operations[method.ToLowerInvariant()] ?? operations["post"];
        var declared = operation?["responses"]?[response.StatusCode.ToString(CultureInfo.InvariantCulture)];
        declared = declared?["$ref"] is { } reference ? Resolve(document, (string)reference!) : declared;
        var mediaType = response.StatusCode == 204 ? null : response.ContentType?.Split(';')[0].Trim();
        var media = mediaType is null ? declared : declared?["content"]?[mediaType];
        var responseBody = Encoding.UTF8.GetString(response.Body.Span);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expectedStatus), responseBody);
            Assert.That(declared, Is.Not.Null, $"{method} answers {response.StatusCode}, which the document does not declare");
            Assert.That(media, Is.Not.Null, $"{method} answers {response.StatusCode} as {mediaType}, which the document does not declare");
        });

        // The schemas describe the JSON form; an XML answer carries the same members as elements.
        if (media?["schema"]?["$ref"] is not null && mediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            var violations = Validate(SchemaOf(document, media["schema"]!), ParseJson(responseBody)).Violations;
            Assert.That(violations, Is.Empty, responseBody);
        }
    }

    private static IEnumerable<string> ValidExamples() =>
        ExampleFiles("valid").OrderBy(e => e != DocumentationSample).ThenBy(e => e, StringComparer.Ordinal);

    private static IEnumerable<string> InvalidExamples() =>
        ExampleFiles("invalid").Where(e => !IsSidecar(e)).OrderBy(e => e, StringComparer.Ordinal);

    private static IEnumerable<string> AllExamples() => ValidExamples().Concat(InvalidExamples());

    private static IEnumerable<string> SchemaFiles() =>
        Directory.GetFiles(ContractsFolder, "*.schema.json").Select(Path.GetFileName).OfType<string>().OrderBy(f => f, StringComparer.Ordinal);

    private static IEnumerable<string> OpenApiExamples()
    {
        var document = ReadJson(Path.Combine(ContractsFolder, OpenApiFile));
        return document.SelectTokens("$..content.*")
            .Where(media => media["examples"] is not null)
            .Select(media => media.Path)
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> ExampleFiles(string kind) =>
        Directory.GetFiles(Path.Combine(ExamplesFolder, kind), "*.json").Select(f => kind + "/" + Path.GetFileName(f));

    private static bool IsSidecar(string fileName) => fileName.EndsWith(SidecarSuffix, StringComparison.Ordinal);

    private static string ExamplePath(string example) => Path.Combine(ExamplesFolder, example);

    private static ContractValidationResult Validate(ContractSchemas schemas, JToken body) => Validate(schemas.Request, body);

    private static ContractValidationResult Validate(JsonSchema schema, JToken body) =>
        new ContractValidator(schema, rejectUnknownProperties: true).Validate(body);

    private static JToken ReadJson(string path) => ParseJson(File.ReadAllText(path));

    private static JToken ParseJson(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static List<ContractViolation> ReadSidecar(string examplePath)
    {
        var sidecar = Path.ChangeExtension(examplePath, null) + SidecarSuffix;
        return JsonConvert.DeserializeObject<List<ContractViolation>>(File.ReadAllText(sidecar)) ?? [];
    }

    private static string ToSidecarJson(IEnumerable<ContractViolation> violations) =>
        JsonConvert.SerializeObject(violations, Formatting.Indented);

    /// <summary>Whether a <c>$ref</c> of the OpenAPI document names an existing file (and pointer inside it).</summary>
    private static bool Resolves(JToken document, string reference) => Resolve(document, reference) is not null;

    private static JToken? Resolve(JToken document, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? string.Empty : reference[(hash + 1)..];
        JToken? target = document;
        if (file.Length > 0)
        {
            var path = Path.GetFullPath(Path.Combine(ContractsFolder, file));
            target = File.Exists(path) ? ReadJson(path) : null;
        }

        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = (target as JObject)?[name];
        }

        return target;
    }

    /// <summary>The schema of the contract that a media type of the OpenAPI document refers to.</summary>
    private static JsonSchema SchemaOf(JToken document, JToken schema)
    {
        var reference = (string?)schema["$ref"];
        Assert.That(reference, Is.Not.Null, $"{schema.Path} should refer to a schema file of contracts/ rather than repeat it");
        Assert.That(Resolves(document, reference!), Is.True, $"{reference} does not resolve");
        var schemas = ContractSchemas.Embedded;
        return Path.GetFileName(reference!) switch
        {
            ContractFiles.Request => schemas.Request,
            ContractFiles.ChatMessage => schemas.ChatMessage,
            ContractFiles.ChatMessageResponse => schemas.ChatMessageResponse,
            ContractFiles.Error => schemas.Error,
            _ => throw new AssertionException($"{reference} is no schema file of the contract"),
        };
    }
}
