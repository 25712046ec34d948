using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Routing;
using NJsonSchema;

namespace ChatMock.Operations;

/// <summary>Each served operation with its handler, its body's schema and validator, and the description a GET answers.</summary>
internal sealed class ServedOperations
{
    private readonly Dictionary<Operation, ServedOperation> _served = [];

    /// <summary>Initializes a new instance of the <see cref="ServedOperations"/> class: one handler per operation.</summary>
    /// <exception cref="ChatMockOptionsException">An operation's body names a schema the contract lacks.</exception>
    public ServedOperations(OperationRegistry registry, ContractSchemas schemas, HandlerSetup setup)
    {
        foreach (var operation in registry.Operations)
        {
            var schema = operation.BodySchema is { } file
                ? schemas.ByFileName(file) ?? throw new ChatMockOptionsException($"{operation}: x-chatmock-input.body names '{file}', which is no schema of the contract.")
                : null;
            _served[operation] = new ServedOperation(
                OperationHandlers.Create(operation.Handler, setup),
                schema,
                schema is null ? null : new ContractValidator(schema, setup.Options.RejectUnknownProperties),
                OperationDescription.Write(operation, schemas));
        }
    }

    /// <summary>Gets the served form of an operation of the registry.</summary>
    public ServedOperation this[Operation operation] => _served[operation];

    /// <summary>What a GET on an agent URL answers: the description of the call, from the contract.</summary>
    public ChatMockResponse Describe(OperationPath path) =>
        new() { StatusCode = 200, ContentType = "text/plain; charset=utf-8", Body = _served[path.Operations[0]].Description };

    /// <summary>Starts every handler's state again from the beginning.</summary>
    public void Reset()
    {
        foreach (var served in _served.Values)
        {
            served.Handler.Reset();
        }
    }
}

/// <summary>A served operation's handler, body schema and validator, and the description a GET answers.</summary>
/// <param name="Handler">The handler.</param>
/// <param name="Body">The body's schema, or null when the operation takes no body.</param>
/// <param name="Validator">The body's validator, or null when the operation takes no body.</param>
/// <param name="Description">The plain-text description, UTF-8.</param>
internal sealed record ServedOperation(IOperationHandler Handler, JsonSchema? Body, ContractValidator? Validator, byte[] Description);
