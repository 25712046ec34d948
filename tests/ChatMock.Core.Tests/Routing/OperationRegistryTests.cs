using System.Text;
using ChatMock.Core.Tests.Support;
using ChatMock.Engine;
using ChatMock.Operations;
using ChatMock.Routing;
using Newtonsoft.Json.Linq;

namespace ChatMock.Core.Tests.Routing;

public sealed class OperationRegistryTests
{
    private const string Agent = "/api/v1/Agents/Chat/AddChatMessage";

    private static readonly string[] Handlers = ["GetSession", "AddChatMessage"];

    private static string ContractsFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts");

    private static string Document(string handler = "GetSession") => $$"""
        {
          "paths": {
            "/api/v1/ChatSession/{id}": {
              "get": {
                "operationId": "GetSession",
                "x-chatmock-handler": "{{handler}}",
                "x-chatmock-input": { "path": ["id"] },
                "x-chatmock-answer": { "status": 200, "schema": "./chat-message.schema.json", "shape": "entity" }
              }
            },
            "/__admin/things": { "get": { "operationId": "Admin" } }
          }
        }
        """;

    [TestCase(Agent)]
    [TestCase("/API/V1/agents/chat/addchatmessage")]
    [TestCase(Agent + "/")]
    public void Match_Agent_Path_In_Any_Casing_Finds_AddChatMessage(string path)
    {
        // Arrange
        var registry = OperationRegistry.Load(null, OperationHandlers.Names);

        // Act
        var match = registry.Match(path);

        // Assert
        Assert.That(match?.For("post")?.Handler, Is.EqualTo("AddChatMessage"));
    }

    [TestCase("/api/v1/Agents/Chat/AddChatMessage2")]
    [TestCase("/api/v1/Agents/Chat/AddChatMessage//")]
    [TestCase("/api/v1/Agents/Chat")]
    [TestCase("/__admin/chatmock/calls")]
    public void Match_Other_Path_Finds_Nothing(string path)
    {
        // Arrange
        var registry = OperationRegistry.Load(null, OperationHandlers.Names);

        // Act
        var match = registry.Match(path);

        // Assert
        Assert.That(match, Is.Null);
    }

    [Test]
    public void Load_Embedded_Document_Serves_AddChatMessage_And_No_Admin_Path()
    {
        // Act
        var registry = OperationRegistry.Load(null, OperationHandlers.Names);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(registry.Operations.Select(o => o.ToString()), Does.Contain("POST " + Agent).And.Contain("GET /api/v1/ChatSession/{id}"));
            Assert.That(registry.Operations.Select(o => o.Handler).Distinct(), Is.EquivalentTo(OperationHandlers.Names));
            Assert.That(registry.Operations.Where(o => o.Path.StartsWith("/__admin", StringComparison.Ordinal)), Is.Empty);
            Assert.That(registry.Served, Does.StartWith("POST " + Agent + ", "));
            Assert.That(registry.Operations[0].BodySchema, Is.EqualTo("add-chat-message.request.schema.json"));
            Assert.That(registry.Operations[0].AnswerSchema, Is.EqualTo("chat-message.response.schema.json"));
            Assert.That(registry.Operations[0].QueryParameters.Select(p => p.Key), Is.EqualTo(new[] { "$select" }));
        });
    }

    [TestCase("/api/v1/ChatSession/42", "42")]
    [TestCase("/API/V1/chatsession/42/", "42")]
    [TestCase("/api/v1/ChatSession/a%20b", "a b")]
    public void Match_Path_With_Parameter_Reads_The_Segment(string path, string expected)
    {
        // Arrange
        var registry = OperationRegistry.Parse(Document(), "test", Handlers);

        // Act
        var match = registry.Match(path);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(match?.For("GET")?.Handler, Is.EqualTo("GetSession"));
            Assert.That(match?.Parameters(path)["id"], Is.EqualTo(expected));
            Assert.That(match?.Allow, Is.EqualTo("GET, OPTIONS"));
        });
    }

    [TestCase("/api/v1/ChatSession/")]
    [TestCase("/api/v1/ChatSession")]
    [TestCase("/api/v1/ChatSession/42/Messages")]
    [TestCase("/__admin/things")]
    public void Match_Path_Not_Of_The_Template_Finds_Nothing(string path)
    {
        // Arrange
        var registry = OperationRegistry.Parse(Document(), "test", Handlers);

        // Act
        var match = registry.Match(path);

        // Assert
        Assert.That(match, Is.Null);
    }

    [Test]
    public void Match_Common_Case_Allocates_Nothing()
    {
        // Arrange
        var registry = OperationRegistry.Parse(Document(), "test", Handlers);
        var embedded = OperationRegistry.Load(null, OperationHandlers.Names);
        const string parameterPath = "/api/v1/ChatSession/42";
        _ = registry.Match(parameterPath);
        _ = embedded.Match(Agent);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = registry.Match(parameterPath);
            _ = embedded.Match(Agent);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Parse_Unknown_Handler_Throws_Naming_It_And_The_Known_Ones()
    {
        // Act
        var problem = Assert.Throws<ChatMockOptionsException>(() => OperationRegistry.Parse(Document("Nope"), "test.json", Handlers));

        // Assert
        Assert.That(problem!.Message, Does.Contain("test.json: GET /api/v1/ChatSession/{id}").And.Contain("'Nope' (x-chatmock-handler)").And.Contain("GetSession, AddChatMessage"));
    }

    [Test]
    public void Parse_Document_Without_Operations_Throws_Saying_Nothing_Would_Be_Served()
    {
        // Act
        var problem = Assert.Throws<ChatMockOptionsException>(() => OperationRegistry.Parse("""{"paths": {"/__admin/x": {"get": {}}}}""", "test.json", Handlers));

        // Assert
        Assert.That(problem!.Message, Does.Contain("test.json declares no operation with x-chatmock-handler"));
    }

    [Test]
    public void EmbeddedOpenApi_Is_Byte_Identical_To_The_File_In_The_Contracts_Folder()
    {
        // Act
        var embedded = ChatMock.Contracts.ContractFiles.ReadEmbeddedOpenApi();

        // Assert
        Assert.That(embedded, Is.EqualTo(File.ReadAllText(Path.Combine(ContractsFolder, "openapi.json"))));
    }

    [Test]
    public void Engine_ContractsPath_OpenApi_With_Unknown_Handler_Fails_At_Start()
    {
        // Arrange
        using var folder = new ContractsCopy(ContractsFolder);
        folder.EditOpenApi(document => document["paths"]![Agent]!["post"]!["x-chatmock-handler"] = "AddChatMesage");

        // Act
        var problem = Assert.Throws<ChatMockOptionsException>(() => _ = new ChatMockEngine(new ChatMockOptions { ContractsPath = folder.Path }));

        // Assert
        Assert.That(problem!.Message, Does.Contain("'AddChatMesage' (x-chatmock-handler), which ChatMock does not have; its handlers are AddChatMessage"));
    }

    [Test]
    public void Load_ContractsPath_OpenApi_Without_Handlers_Keeps_The_Embedded_Operations()
    {
        // Arrange
        using var folder = new ContractsCopy(ContractsFolder);
        folder.EditOpenApi(document =>
        {
            foreach (var entry in document["paths"]!.Children<JProperty>().SelectMany(p => p.Value.Children<JProperty>()).Select(m => m.Value).OfType<JObject>())
            {
                entry.Remove("x-chatmock-handler");
            }
        });

        // Act
        var registry = OperationRegistry.Load(folder.Path, OperationHandlers.Names);

        // Assert
        Assert.That(registry.Served, Is.EqualTo(OperationRegistry.Load(null, OperationHandlers.Names).Served));
    }

    [Test]
    public void Load_ContractsPath_OpenApi_With_Handlers_Replaces_The_Embedded_Operations()
    {
        // Arrange
        using var folder = new ContractsCopy(ContractsFolder);
        folder.EditOpenApi(document =>
        {
            var paths = (JObject)document["paths"]!;
            var entry = paths[Agent]!;
            paths.Remove(Agent);
            paths["/api/v1/Agents/Chat/AddChatMessageToo"] = entry;
        });

        // Act
        var registry = OperationRegistry.Load(folder.Path, OperationHandlers.Names);

        // Assert
        Assert.That(registry.Served, Does.Contain("POST /api/v1/Agents/Chat/AddChatMessageToo").And.Not.Contain("POST " + Agent + ","));
    }

    [TestCase("/api/v1/Agents/Chat/NoSuchMethod")]
    [TestCase("/api/v1/ChatSessions/42")]
    public void Engine_Unknown_Agent_Method_Or_Path_Answers_404_Naming_What_Is_Served(string path)
    {
        // Arrange
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = 1 });
        var request = new ChatMockRequest
        {
            Method = "POST",
            Path = path,
            Headers = [new("Content-Type", "application/json"), EngineRequests.SampleAuthorization],
            Body = Encoding.UTF8.GetBytes("""{"ChatSessionId": 403}"""),
        };

        // Act
        var response = engine.Handle(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.BodyText(), Does.Contain("ChatMock serves POST " + Agent));
        });
    }

    [Test]
    public void Engine_Get_On_Agent_Url_Describes_The_Call_From_The_Contract()
    {
        // Arrange
        using var folder = new ContractsCopy(ContractsFolder);
        folder.EditOpenApi(document => document["paths"]![Agent]!["post"]!["summary"] = "A summary only this test writes.");
        var embedded = new ChatMockEngine();
        var edited = new ChatMockEngine(new ChatMockOptions { ContractsPath = folder.Path });
        var get = new ChatMockRequest { Method = "GET", Path = Agent, Headers = [], Body = ReadOnlyMemory<byte>.Empty };

        // Act
        var text = embedded.Handle(get).BodyText();
        var editedText = edited.Handle(get).BodyText();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("POST " + Agent));
            Assert.That(text, Does.Contain("Add a new message to a chat session."));
            Assert.That(text, Does.Contain("\"ChatSessionId\", \"Message\""));
            Assert.That(text, Does.Contain("ChatMessageId, ChatSessionId, Type, Message, Author, ReadByCustomer, SpecialType, SpecialParam, WhenPosted"));
            Assert.That(text, Does.Contain("application/x-www-form-urlencoded"));
            Assert.That(text, Does.Contain("Query: $select"));
            Assert.That(text, Does.Contain("SO-TimeZone"));
            Assert.That(editedText, Does.Contain("A summary only this test writes.").And.Not.Contain("Add a new message to a chat session."));
        });
    }

    /// <summary>A copy of the contracts folder in a temporary folder, deleted on dispose.</summary>
    private sealed class ContractsCopy : IDisposable
    {
        public ContractsCopy(string source)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatmock-contracts-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            foreach (var file in Directory.GetFiles(source, "*.json"))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }

        public string Path { get; }

        public void EditOpenApi(Action<JObject> edit)
        {
            var file = System.IO.Path.Combine(Path, "openapi.json");
            var document = JObject.Parse(File.ReadAllText(file));
            edit(document);
            File.WriteAllText(file, document.ToString(), Encoding.UTF8);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
