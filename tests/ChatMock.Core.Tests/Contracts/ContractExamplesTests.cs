using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChatMock.Contracts;
using ChatMock.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.References;

namespace ChatMock.Core.Tests.Contracts;

/// <summary>
/// Checks the contract as data (STYLE.md item 13): every example in <c>contracts/examples/&lt;Handler&gt;/valid|invalid</c>
/// against the body schema that openapi.json's agent call of that handler names (<c>x-chatmock-input.body</c>), every
/// invalid example against the violations its sidecar lists, and the OpenAPI document against the files it refers
/// to, its own extensions and the answers the engine gives.
/// </summary>
public sealed class ContractExamplesTests
{
    private const string AddChatMessage = "AddChatMessage";
    private const string DocumentationSample = AddChatMessage + "/valid/doc-sample-request.json";
    private const string SidecarSuffix = ".violations.json";
    private const string OpenApiFile = "openapi.json";
    private const string EmbeddedResourcePrefix = "ChatMock.Contracts.";
    private const string AgentPathPrefix = "/api/v1/Agents/Chat/";
    private const string HandlerExtension = "x-chatmock-handler";
    private static readonly string[] Kinds = ["valid", "invalid"];
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    /// <summary>The documentation sample's credentials, which ChatMock accepts by default.</summary>
    private static readonly KeyValuePair<string, string> Credentials = new("Authorization", "Basic dGplMDpUamUw");

    /// <summary>The schemas as the engine loads them (embedded), for the files it knows; read here for the others.</summary>
    private static readonly SchemaCache EmbeddedSchemas = new(ContractFiles.ReadEmbedded, () => ContractSchemas.Embedded);

    /// <summary>The schemas of the contracts folder, as a <c>ContractsPath</c> folder is loaded.</summary>
    private static readonly SchemaCache FolderSchemas = new(
        fileName => File.ReadAllText(Path.Combine(ContractsFolder, fileName)),
        () => ContractSchemas.FromFolder(ContractsFolder));

    private static readonly Lazy<JObject> Document = new(() => (JObject)ReadJson(Path.Combine(ContractsFolder, OpenApiFile)));

    private static string ContractsFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts");

    private static string ExamplesFolder => Path.Combine(ContractsFolder, "examples");

    [TestCaseSource(nameof(ValidExamples))]
    public void ValidExample_Against_The_Body_Schema_Of_Its_Handler_Has_No_Violations(string example)
    {
        // Arrange
        var body = ReadJson(ExamplePath(example));

        // Act
        var result = Validate(EmbeddedSchemas, example, body);

        // Assert
        Assert.That(result.Violations, Is.Empty, () => string.Join(Environment.NewLine, result.Violations));
    }

    [TestCaseSource(nameof(InvalidExamples))]
    public void InvalidExample_Against_The_Body_Schema_Of_Its_Handler_Reports_The_Violations_Of_Its_Sidecar(string example)
    {
        // Arrange
        var body = ReadJson(ExamplePath(example));
        var expected = ReadSidecar(ExamplePath(example));

        // Act
        var result = Validate(EmbeddedSchemas, example, body);

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
        var embedded = Validate(EmbeddedSchemas, example, ParseJson(text));
        var fromFolder = Validate(FolderSchemas, example, ParseJson(text));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(fromFolder.Violations, Is.EqualTo(embedded.Violations));
            Assert.That(fromFolder.Warnings, Is.EqualTo(embedded.Warnings));
        });
    }

    [Test]
    public void AddChatMessage_Examples_Hold_The_Documentation_Sample_First_And_Enough_Cases()
    {
        // Arrange
        var valid = ValidExamples().Where(e => HandlerOf(e) == AddChatMessage).ToList();
        var invalid = InvalidExamples().Where(e => HandlerOf(e) == AddChatMessage).ToList();

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

    [TestCaseSource(nameof(ExampleHandlers))]
    public void ExampleFolder_Names_An_Agent_Call_With_A_Body_And_Holds_A_Few_Valid_And_Several_Invalid_Examples(string handler)
    {
        // Act
        var schema = BodySchemaOf(handler);
        var valid = ValidExamples().Count(e => HandlerOf(e) == handler);
        var invalid = InvalidExamples().Count(e => HandlerOf(e) == handler);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(schema, Is.Not.Null, $"openapi.json has no agent call {AgentPathPrefix}{handler} with {HandlerExtension} '{handler}' and x-chatmock-input.body");
            Assert.That(valid, Is.GreaterThanOrEqualTo(2), "valid examples");
            Assert.That(invalid, Is.GreaterThanOrEqualTo(4), "invalid examples");
        });
    }

    [Test]
    public void ExampleFolders_Cover_Every_Body_Schema_Of_An_Agent_Call()
    {
        // Arrange
        var bodies = ServedOperations()
            .Where(o => o.Path.StartsWith(AgentPathPrefix, StringComparison.OrdinalIgnoreCase) && o.Body is not null)
            .Select(o => o.Body!)
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var covered = ExampleHandlers().Select(BodySchemaOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.That(bodies.Except(covered), Is.Empty, "body schemas without examples");
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

    [TestCaseSource(nameof(ExampleHandlers))]
    public void InvalidExamples_Each_Have_A_Sidecar_And_Each_Sidecar_An_Example(string handler)
    {
        // Arrange
        var files = Directory.GetFiles(Path.Combine(ExamplesFolder, handler, "invalid")).Select(Path.GetFileName).OfType<string>().ToList();

        // Act
        var sidecars = files.Where(IsSidecar).Select(f => f[..^SidecarSuffix.Length]).ToHashSet(StringComparer.Ordinal);
        var examples = files.Where(f => !IsSidecar(f)).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(files.Where(f => !f.EndsWith(".json", StringComparison.Ordinal)), Is.Empty, "only .json files belong in examples/<Handler>/invalid");
            Assert.That(examples.Except(sidecars), Is.Empty, "examples without a sidecar");
            Assert.That(sidecars.Except(examples), Is.Empty, "sidecars without an example");
        });
    }

    [Test]
    public void ExamplesFolder_Holds_Only_Handler_Folders_With_Valid_And_Invalid()
    {
        // Act
        var loose = Directory.GetFiles(ExamplesFolder).Select(Path.GetFileName).ToList();
        var misplaced = ExampleHandlers()
            .SelectMany(h => Directory.GetFileSystemEntries(Path.Combine(ExamplesFolder, h)).Select(e => h + "/" + Path.GetFileName(e)))
            .Where(e => !Kinds.Contains(e[(e.IndexOf('/', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal))
            .ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(loose, Is.Empty, "files directly in contracts/examples");
            Assert.That(misplaced, Is.Empty, "entries of a handler folder other than valid/ and invalid/");
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

    [TestCaseSource(nameof(ServedOperationNames))]
    public void OpenApi_Operation_Input_Names_Declared_Parameters_And_Existing_Schema_Files(string name)
    {
        // Arrange
        var operation = ServedOperations().Single(o => o.Name == name);
        var declared = operation.Entry["parameters"]?.Select(p => p["$ref"] is { } r ? Resolve(Document.Value, (string)r!) : p).OfType<JObject>().ToList() ?? [];
        var inputs = (operation.Entry["x-chatmock-input"]?["parameters"] as JObject)?.Properties().ToList() ?? [];

        // Act
        var undeclared = inputs
            .Select(p => (Parameter: p.Name, Source: (string?)p.Value ?? string.Empty))
            .Where(p =>
            {
                var colon = p.Source.IndexOf(':', StringComparison.Ordinal);
                var where = colon < 0 ? string.Empty : p.Source[..colon];
                var parameterName = p.Source[(colon + 1)..];
                return where is not ("path" or "query")
                    || !declared.Any(d => (string?)d["in"] == where && (string?)d["name"] == parameterName
                        && (string?)d["schema"]?["type"] is "integer" or "boolean" or "string" && d["required"] is not null)
                    || (where == "path" && !operation.Path.Contains("{" + parameterName + "}", StringComparison.Ordinal));
            })
            .Select(p => $"{p.Parameter}: {p.Source}")
            .ToList();
        var answer = operation.Entry["x-chatmock-answer"];
        var files = new[] { operation.Body, (string?)answer?["schema"] }.OfType<string>().Where(f => !File.Exists(Path.Combine(ContractsFolder, f))).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(undeclared, Is.Empty, "x-chatmock-input.parameters naming no required path or query parameter of the operation");
            Assert.That(files, Is.Empty, "schema files that do not exist");
            Assert.That((int?)answer?["status"], Is.AnyOf(200, 204));
            Assert.That((string?)answer?["shape"], (int?)answer?["status"] == 204 ? Is.Null : Is.AnyOf("entity", "array", "value"));
            Assert.That((string?)answer?["type"], (string?)answer?["shape"] == "value" ? Is.AnyOf("boolean", "string") : Is.Null);
        });
    }

    [Test]
    public void OpenApi_Document_Rest_Twins_Name_The_Handler_Of_An_Agent_Call()
    {
        // Arrange
        var operations = ServedOperations().ToList();
        var agentHandlers = operations.Where(o => o.Path.StartsWith(AgentPathPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Handler).ToHashSet(StringComparer.Ordinal);

        // Act
        var orphans = operations.Where(o => !agentHandlers.Contains(o.Handler)).Select(o => o.Name).ToList();
        var misnamed = operations.Where(o => o.Path.StartsWith(AgentPathPrefix, StringComparison.OrdinalIgnoreCase) && o.Path[AgentPathPrefix.Length..] != o.Handler)
            .Select(o => o.Name).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(orphans, Is.Empty, "REST operations whose handler no agent call has");
            Assert.That(misnamed, Is.Empty, "agent calls whose handler is not the call's name");
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
        var document = Document.Value;
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

    /// <summary>The folders of <c>contracts/examples</c>: each is named after the handler of an agent call.</summary>
    private static IEnumerable<string> ExampleHandlers() =>
        Directory.GetDirectories(ExamplesFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static IEnumerable<string> SchemaFiles() =>
        Directory.GetFiles(ContractsFolder, "*.schema.json").Select(Path.GetFileName).OfType<string>().OrderBy(f => f, StringComparer.Ordinal);

    private static IEnumerable<string> OpenApiExamples() =>
        Document.Value.SelectTokens("$..content.*")
            .Where(media => media["examples"] is not null)
            .Select(media => media.Path)
            .Order(StringComparer.Ordinal);

    /// <summary>Every operation of openapi.json with <c>x-chatmock-handler</c>, in the document's order.</summary>
    private static IEnumerable<ServedOperation> ServedOperations()
    {
        foreach (var path in (Document.Value["paths"] as JObject)?.Properties() ?? [])
        {
            foreach (var method in Methods)
            {
                if (path.Value[method] is JObject entry && (string?)entry[HandlerExtension] is { } handler)
                {
                    yield return new ServedOperation(method.ToUpperInvariant(), path.Name, handler, FileName((string?)entry["x-chatmock-input"]?["body"]), entry);
                }
            }
        }
    }

    private static IEnumerable<string> ServedOperationNames() => ServedOperations().Select(o => o.Name);

    /// <summary>The body schema file of the agent call of <paramref name="handler"/>, or null.</summary>
    private static string? BodySchemaOf(string handler) =>
        ServedOperations()
            .FirstOrDefault(o => o.Handler == handler && o.Body is not null && string.Equals(o.Path, AgentPathPrefix + handler, StringComparison.OrdinalIgnoreCase))
            ?.Body;

    private static string HandlerOf(string example) => example[..example.IndexOf('/', StringComparison.Ordinal)];

    private static IEnumerable<string> ExampleFiles(string kind) =>
        ExampleHandlers().SelectMany(handler =>
        {
            var folder = Path.Combine(ExamplesFolder, handler, kind);
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.json").Select(f => handler + "/" + kind + "/" + Path.GetFileName(f))
                : [];
        });

    private static bool IsSidecar(string fileName) => fileName.EndsWith(SidecarSuffix, StringComparison.Ordinal);

    private static string ExamplePath(string example) => Path.Combine(ExamplesFolder, example);

    private static string? FileName(string? reference) => reference is null ? null : Path.GetFileName(reference);

    /// <summary>Validates an example against the body schema of its folder's handler.</summary>
    private static ContractValidationResult Validate(SchemaCache schemas, string example, JToken body)
    {
        var file = BodySchemaOf(HandlerOf(example));
        Assert.That(file, Is.Not.Null, $"{example}: openapi.json names no body schema for the agent call {HandlerOf(example)}");
        return Validate(schemas.Get(file!), body);
    }

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
        var fileName = Path.GetFileName(reference!);
        Assert.That(SchemaFiles(), Does.Contain(fileName), $"{reference} is no schema file of the contract");
        return EmbeddedSchemas.Get(fileName);
    }

    /// <summary>An operation of openapi.json that the engine serves.</summary>
    private sealed record ServedOperation(string Method, string Path, string Handler, string? Body, JObject Entry)
    {
        public string Name => $"{Method} {Path}";
    }

    /// <summary>
    /// The schema files of the contract, read once each: the engine's own schema when it loads that file, else read
    /// here, with relative <c>$ref</c>s between the files resolved through the same reader (embedded resources, or the
    /// contracts folder).
    /// </summary>
    private sealed class SchemaCache(Func<string, string> readFile, Func<ContractSchemas> engineSchemas)
    {
        private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new(StringComparer.Ordinal);

        private readonly Lazy<ContractSchemas> _engine = new(engineSchemas);

        public JsonSchema Get(string fileName) =>
            _schemas.GetOrAdd(fileName, name => new Lazy<JsonSchema>(() =>
                _engine.Value.ByFileName(name) ?? Task.Run(() => LoadAsync(name, readFile)).GetAwaiter().GetResult())).Value;

        private static Task<JsonSchema> LoadAsync(string fileName, Func<string, string> readFile) =>
            JsonSchema.FromJsonAsync(
                readFile(fileName),
                Path.Combine(Path.GetTempPath(), "chatmock-contracts", fileName),
                schema => new Resolver(schema, readFile));

        private sealed class Resolver(JsonSchema rootSchema, Func<string, string> readFile)
            : JsonReferenceResolver(new JsonSchemaAppender(rootSchema, new DefaultTypeNameGenerator()))
        {
            public override async Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
                await LoadAsync(Path.GetFileName(filePath), readFile).ConfigureAwait(false);
        }
    }
}
