using System.Text.Json;
using ChatMock.Carriers;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Operations;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Core.Tests.Operations;

public sealed class OperationStepTests
{
    private static readonly OperationRegistry Registry = OperationRegistry.Load(null, OperationHandlers.Names);

    private static OperationCall Call(int? forcedCode, CallOutcome outcome, string query = "")
    {
        var operation = Registry.Operations.First(o => o.Handler == "GetChatSessionEntity");
        var path = Registry.Match(operation.Path.Replace("{chatSessionId}", "403", StringComparison.Ordinal))!;
        var request = new ChatMockRequest { Method = operation.Method, Path = operation.Path, QueryString = query, Headers = [new("SO-Language", "de")] };
        return OperationStep.Prepare(
            request,
            new RoutedOperation(path, operation),
            new ServedOperation(new RecordingHandler(), null, null, Carrier.ChatSession),
            JsonElement.Parse("""{"ChatSessionId": 403}"""),
            new ProtocolFindings(ResponseFormat.Json, forcedCode, null),
            ["an earlier warning"],
            outcome);
    }

    [Test]
    public void Prepare_Gives_The_Handler_The_Language_Select_And_Warnings_And_Hands_The_Warnings_To_The_Journal()
    {
        // Arrange
        var outcome = new CallOutcome();

        // Act
        var call = Call(null, outcome, "?$select=Status,Nothing");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.Locale, Is.EqualTo("de"));
            Assert.That(call.Style.Keep, Is.EquivalentTo(new[] { "Status" }));
            Assert.That(call.Warnings, Has.Count.EqualTo(2).And.Contain("an earlier warning"));
            Assert.That(outcome.Warnings, Is.SameAs(call.Warnings));
        });
    }

    [Test]
    public void Answer_Forced_Code_Reads_The_Call_And_Answers_The_Code_Without_Handling()
    {
        // Arrange
        var outcome = new CallOutcome();
        var call = Call(404, outcome);
        var handler = new RecordingHandler();

        // Act
        var answer = OperationStep.Answer(handler, call);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(handler.Steps, Is.EqualTo(new[] { "Read", "Missing" }));
            Assert.That(answer.Refusal?.StatusCode, Is.EqualTo(404));
            Assert.That(outcome.Fault, Is.EqualTo("code=404"));
        });
    }

    [Test]
    public void Answer_Without_Forced_Code_Reads_Then_Handles()
    {
        // Arrange
        var outcome = new CallOutcome();
        var call = Call(null, outcome);
        var handler = new RecordingHandler();

        // Act
        var answer = OperationStep.Answer(handler, call);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(handler.Steps, Is.EqualTo(new[] { "Read", "Handle" }));
            Assert.That(answer, Is.EqualTo(OperationAnswer.None));
            Assert.That(outcome.Fault, Is.Null);
        });
    }

    private sealed class RecordingHandler : IOperationHandler
    {
        public List<string> Steps { get; } = [];

        public void Read(OperationCall call) => Steps.Add("Read");

        public string Missing(OperationCall call)
        {
            Steps.Add("Missing");
            return "ChatSession id 403";
        }

        public OperationAnswer Handle(OperationCall call)
        {
            Steps.Add("Handle");
            return OperationAnswer.None;
        }

        public void Reset() => Steps.Clear();
    }
}
