using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Chat;
using ChatMock.Contracts;
using ChatMock.Journal;
using ChatMock.Operations;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Engine;

/// <summary>
/// The host-agnostic ChatMock engine: one request in, one response out, the call recorded. The in-memory host and
/// the standalone server are thin adapters over it. Its body is the table of contents of a call, one step per folder:
/// route (<see cref="RoutingStep"/>), protocol (<see cref="ProtocolStep"/>), read body (<see cref="BodyStep"/>),
/// validate (<see cref="ValidationStep"/>, <see cref="ParameterStep"/>), operation handler
/// (<see cref="OperationStep"/>), shape answer (<see cref="AnswerShaper"/>), record (<see cref="CallRecorder"/>).
/// </summary>
internal sealed class ChatMockEngine
{
    private readonly ChatMockOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CallJournal _journal;
    private readonly CallRecorder _recorder;
    private readonly ServedOperations _served;
    private readonly ChatState _chat;
    private readonly RoutingStep _routing;
    private readonly ProtocolStep _protocol;
    private readonly BodyStep _body;
    private readonly CorsAnswers _cors;

    /// <summary>Initializes a new instance of the <see cref="ChatMockEngine"/> class.</summary>
    /// <param name="options">The settings; validated, and copied so later changes to them have no effect.</param>
    /// <param name="timeProvider">The clock of <c>WhenPosted</c>, the journal and delays; the system clock when null.</param>
    /// <param name="writeJournalLater">
    /// Whether the journal writes each call's JSON off the request's path (the in-memory hosts; see <see cref="CallRecorder"/>).
    /// </param>
    /// <exception cref="ChatMockOptionsException">A setting is out of range, or openapi.json names what ChatMock lacks.</exception>
    public ChatMockEngine(ChatMockOptions? options = null, TimeProvider? timeProvider = null, bool writeJournalLater = false)
    {
        _options = options?.Clone() ?? new ChatMockOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        Seed = _options.Seed ?? Random.Shared.Next();
        _journal = new CallJournal(_options.JournalCapacity, _options.JournalMaxBytes);
        _recorder = new CallRecorder(_journal, writeJournalLater);
        var schemas = string.IsNullOrEmpty(_options.ContractsPath) ? ContractSchemas.Embedded : ContractSchemas.FromFolder(_options.ContractsPath);
        var operations = OperationRegistry.Load(_options.ContractsPath, OperationHandlers.Names);
        _chat = new ChatState(_options, _timeProvider, Seed, schemas);
        _served = new ServedOperations(operations, schemas, new HandlerSetup(_options, _timeProvider, Seed, _chat));
        _cors = new CorsAnswers(new Cors(_options.CorsOrigins), _options.CorsOrigins, operations.Served);
        _routing = new RoutingStep(operations, schemas, _cors);
        _protocol = new ProtocolStep(_options, new Authenticator(_options));
        _body = new BodyStep(_options.MaxRequestBodyBytes);
    }

    /// <summary>Gets the settings the engine runs with, to read: a copy, so changing it (even after a cast) changes nothing.</summary>
    public IReadOnlyChatMockOptions Options => _options.Clone();

    /// <summary>Gets the seed of the generated data: the configured one, or the one chosen at random at start.</summary>
    public int Seed { get; }

    /// <summary>
    /// Gets the chat state: topics, sessions and their messages, to read, seed or clear from a test. Its
    /// <see cref="IChatStore.Clear"/> forgets the conversation and keeps the journal; <see cref="Reset"/> with
    /// <c>resetIds</c> forgets both.
    /// </summary>
    public IChatStore Chat => _chat.Store;

    /// <summary>Gets the record of every call answered; as a <see cref="Journal.CallJournal"/>, for the admin API's reads that filter calls by their summaries.</summary>
    public CallJournal Journal => _journal;

    /// <summary>
    /// Forgets every recorded call; with <paramref name="resetIds"/>, also the chat state (sessions and their
    /// messages; topics back to those of the start), so ids and generated conversations start again from the beginning.
    /// </summary>
    /// <param name="resetIds">Whether to reset the chat state and its ids too.</param>
    public void Reset(bool resetIds = false)
    {
        _journal.Clear();
        if (resetIds)
        {
            _chat.Reset();
            _served.Reset();
        }
    }

    /// <summary>Forgets the chat state and keeps the journal: sessions and messages gone, ids from the start, the sample sessions made again.</summary>
    internal void ResetChat() => _chat.Reset();

    /// <summary>Waits the delay of <paramref name="response"/> (<see cref="ChatMockResponse.Delay"/>) on the engine's clock.</summary>
    /// <param name="response">An answer of <see cref="Handle"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the delay has passed.</returns>
    public Task DelayAsync(ChatMockResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Delay > TimeSpan.Zero ? Task.Delay(response.Delay, _timeProvider, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Answers one request and records it, without waiting its delay. Never throws for anything the request contains.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The response, with <see cref="ChatMockResponse.Call"/> set to what the journal recorded.</returns>
    public ChatMockResponse Handle(ChatMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        var arrived = _timeProvider.GetUtcNow();
        var outcome = new CallOutcome();

        ChatMockResponse response;
        try
        {
            response = _cors.With(request, _routing.Route(request, outcome, out var route) ?? Call(request, route, outcome));
            response.Delay = outcome.Delay;
        }
#pragma warning disable CA1031 // A bug in the engine must still give the client an answer, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response = ErrorAnswers.Error(ResponseFormat.Json, 500, ErrorTypes.Internal, "ChatMock failed while answering this request: " + ex.Message);
        }

        response.Call = _recorder.Record(request, response, outcome, arrived, _timeProvider.GetElapsedTime(started));
        return response;
    }

    /// <summary>One call of an operation: the first step that refuses it answers; else the handler's answer, shaped.</summary>
    private ChatMockResponse Call(ChatMockRequest request, RoutedOperation route, CallOutcome outcome)
    {
        var (path, operation) = route;
        var served = _served[operation];
        var warnings = new List<string>();
        JsonDocument? body = null;
        try
        {
            return _protocol.Check(request, outcome, out var found)
                ?? _body.Read(request, found.Format, operation.Handler, served.Body, outcome, out body)
                ?? ValidationStep.Check(served.Validator, body?.RootElement, found.Format, operation.Handler, outcome, warnings, out var validated)
                ?? ParameterStep.Read(request, path, operation, validated, found.Format, outcome, out var input)
                ?? Answer(served.Handler, OperationStep.Prepare(request, route, served, input, found, warnings, outcome));
        }
        finally
        {
            // The body's document holds pooled memory; what a handler keeps of it, it has copied.
            body?.Dispose();
        }
    }

    /// <summary>The operation step's answer to a call, shaped by the answer step.</summary>
    private static ChatMockResponse Answer(IOperationHandler handler, OperationCall call)
    {
        var answer = OperationStep.Answer(handler, call);
        return answer.Refusal ?? AnswerShaper.Shape(call.Operation, call.Format, answer, call.Style, call.Outcome);
    }
}
