using ChatMock.Carriers;
using ChatMock.Contracts;
using ChatMock.Routing;
using NJsonSchema;

namespace ChatMock.Operations;

/// <summary>Each served operation with its handler, its body's schema and validator, and the carrier it answers.</summary>
internal sealed class ServedOperations
{
    private readonly Dictionary<Operation, ServedOperation> _served = [];

    /// <summary>Initializes a new instance of the <see cref="ServedOperations"/> class: one handler per operation.</summary>
    /// <exception cref="ChatMockOptionsException">An operation's body names a schema the contract lacks.</exception>
    public ServedOperations(OperationRegistry registry, ContractSchemas schemas, HandlerSetup setup)
    {
        // An agent call and its REST twins share one handler, so they share its state.
        var handlers = new System.Collections.Concurrent.ConcurrentDictionary<string, IOperationHandler>(StringComparer.Ordinal);
        foreach (var operation in registry.Operations)
        {
            var schema = operation.BodySchema is { } file
                ? schemas.ByFileName(file) ?? throw new ChatMockOptionsException($"{operation}: x-chatmock-input.body names '{file}', which is no schema of the contract.")
                : null;
            var answer = operation.AnswerSchema is { } answerFile
                ? schemas.ByFileName(answerFile) ?? throw new ChatMockOptionsException($"{operation}: x-chatmock-answer.schema names '{answerFile}', which is no schema of the contract.")
                : null;
            var carrier = answer is null ? null : Carrier.ForSchemaTitle(answer.Title)
                ?? throw new ChatMockOptionsException($"{operation}: the answer's schema '{operation.AnswerSchema}' has the title '{answer.Title}', which names no carrier ChatMock has ({string.Join(", ", Carrier.All.Select(c => c.Name))}).");
            _served[operation] = new ServedOperation(
                handlers.GetOrAdd(operation.Handler, name => OperationHandlers.Create(name, setup)),
                schema,
                schema is null ? null : new ContractValidator(schema, setup.Options.RejectUnknownProperties),
                carrier);
        }
    }

    /// <summary>Gets the served form of an operation of the registry.</summary>
    public ServedOperation this[Operation operation] => _served[operation];

    /// <summary>Starts every handler's state again from the beginning.</summary>
    public void Reset()
    {
        foreach (var handler in _served.Values.Select(s => s.Handler).Distinct())
        {
            handler.Reset();
        }
    }
}

/// <summary>A served operation's handler, body schema and validator, and the carrier it answers.</summary>
/// <param name="Handler">The handler.</param>
/// <param name="Body">The body's schema, or null when the operation takes no body.</param>
/// <param name="Validator">The body's validator, or null when the operation takes no body.</param>
/// <param name="Answer">The carrier the operation answers (entity or array), or null for a bare value or 204.</param>
internal sealed record ServedOperation(IOperationHandler Handler, JsonSchema? Body, ContractValidator? Validator, Carrier? Answer);
