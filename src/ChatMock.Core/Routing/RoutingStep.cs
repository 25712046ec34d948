using ChatMock.Answers;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;

namespace ChatMock.Routing;

/// <summary>
/// The routing step of a call: the operation the method and path name (the operations declared in
/// contracts/openapi.json) and the answer format <c>Accept</c> asks for. A request that names no operation is
/// answered here: OPTIONS (CORS preflight or <c>Allow</c>), the description a GET on an agent URL answers, 404, 405
/// or 406.
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
    /// <param name="route">The path, the operation and the answer format.</param>
    public ChatMockResponse? Route(ChatMockRequest request, CallOutcome outcome, out RoutedOperation route)
    {
        route = default;
        var path = _operations.Match(request.Path);
        if (string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            return _cors.Options(request, path);
        }

        var format = ContentNegotiation.Negotiate(request.GetHeader("Accept"), request.GetHeader("Content-Type"));
        if (path is null)
        {
            return ErrorAnswers.NotFound(format ?? ResponseFormat.Json, request.Path, _operations.Served);
        }

        var operation = path.For(request.Method);
        outcome.Operation = (operation ?? path.Operations[0]).Handler;
        if (operation is null)
        {
            return path.IsAgentCall && string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase)
                ? new ChatMockResponse { StatusCode = 200, ContentType = TextContentType, Body = _descriptions[path.Operations[0]] }
                : ErrorAnswers.MethodNotAllowed(format ?? ResponseFormat.Json, request.Method, path);
        }

        if (format is null)
        {
            return ErrorAnswers.NotAcceptable(request.GetHeader("Accept"));
        }

        route = new RoutedOperation(path, operation, format);
        return null;
    }
}
