using ChatMock.Answers;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;

namespace ChatMock.Routing;

/// <summary>
/// The routing step of a call: the operation the method and path name (the operations declared in
/// contracts/openapi.json). A request that names no operation is answered here: OPTIONS (CORS preflight or
/// <c>Allow</c>), the description a GET on an agent URL answers, 404 or 405, in the format <c>Accept</c> asks for
/// (JSON when it asks for none ChatMock writes; the protocol step answers 406 for an operation).
/// </summary>
internal sealed class RoutingStep
{
    private const string TextContentType = "text/plain; charset=utf-8";

    private readonly OperationRegistry _operations;
    private readonly CorsAnswers _cors;
    private readonly Dictionary<Operation, byte[]> _descriptions = [];

    /// <summary>Initializes a new instance of the <see cref="RoutingStep"/> class; writes each operation's description once.</summary>
    /// <param name="operations">The served operations.</param>
    /// <param name="schemas">The contract's schemas, which the descriptions name.</param>
    /// <param name="cors">The OPTIONS answers.</param>
    public RoutingStep(OperationRegistry operations, ContractSchemas schemas, CorsAnswers cors)
    {
        _operations = operations;
        _cors = cors;
        foreach (var operation in operations.Operations)
        {
            _descriptions[operation] = OperationDescription.Write(operation, schemas);
        }
    }

    /// <summary>Routes the request; null when it names an operation (in <paramref name="route"/>), else its answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="outcome">Gets the operation's handler name, once the path names one.</param>
    /// <param name="route">The path and the operation.</param>
    public ChatMockResponse? Route(ChatMockRequest request, CallOutcome outcome, out RoutedOperation route)
    {
        route = default;
        var path = _operations.Match(request.Path);
        if (string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            return _cors.Options(request, path);
        }

        if (path is null)
        {
            return ErrorAnswers.NotFound(ErrorFormat(request), request.Path, _operations.Served);
        }

        var operation = path.For(request.Method);
        outcome.Operation = (operation ?? path.Operations[0]).Handler;
        if (operation is null)
        {
            return path.IsAgentCall && string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase)
                ? new ChatMockResponse { StatusCode = 200, ContentType = TextContentType, Body = _descriptions[path.Operations[0]] }
                : ErrorAnswers.MethodNotAllowed(ErrorFormat(request), request.Method, path);
        }

        route = new RoutedOperation(path, operation);
        return null;
    }

    private static ResponseFormat ErrorFormat(ChatMockRequest request) =>
        ContentNegotiation.Negotiate(request.GetHeader("Accept"), request.GetHeader("Content-Type")) ?? ResponseFormat.Json;
}
