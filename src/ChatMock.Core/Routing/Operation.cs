namespace ChatMock.Routing;

/// <summary>
/// One served operation as <c>contracts/openapi.json</c> declares it: an entry with <c>x-chatmock-handler</c>, its
/// input (<c>x-chatmock-input</c>) and its answer (<c>x-chatmock-answer</c>).
/// </summary>
internal sealed class Operation
{
    /// <summary>Gets the HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path template as written in the document, with <c>{name}</c> path parameters.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the handler's name (<c>x-chatmock-handler</c>), also the operation's name in the journal.</summary>
    public required string Handler { get; init; }

    /// <summary>Gets the <c>operationId</c>.</summary>
    public string? OperationId { get; init; }

    /// <summary>Gets the one-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the longer description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the file name of the body's schema, or null when the operation takes no body.</summary>
    public string? BodySchema { get; init; }

    /// <summary>
    /// Gets the parameter of the call the body is (<c>x-chatmock-input.bodyAs</c>: a REST twin's bare ChatMessage is
    /// the agent call's <c>Message</c>), or null when the body's properties are the call's parameters.
    /// </summary>
    public string? BodyAs { get; init; }

    /// <summary>Gets the call's parameters that come from the path or the query string (<c>x-chatmock-input.parameters</c>).</summary>
    public IReadOnlyList<OperationParameter> Parameters { get; init; } = [];

    /// <summary>Gets the media types the body may be sent as.</summary>
    public IReadOnlyList<string> BodyMediaTypes { get; init; } = [];

    /// <summary>Gets the query parameters, each with its description.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters { get; init; } = [];

    /// <summary>Gets the names of the path parameters.</summary>
    public IReadOnlyList<string> PathParameters { get; init; } = [];

    /// <summary>Gets the names of the header parameters.</summary>
    public IReadOnlyList<string> HeaderParameters { get; init; } = [];

    /// <summary>Gets the status of a successful answer: 200 or 204.</summary>
    public int AnswerStatus { get; init; } = 200;

    /// <summary>Gets the file name of the answer's schema, or null for a 204.</summary>
    public string? AnswerSchema { get; init; }

    /// <summary>Gets the answer's shape: <c>entity</c>, <c>array</c> or <c>value</c>.</summary>
    public string AnswerShape { get; init; } = "entity";

    /// <summary>Gets the JSON type of a <c>value</c> answer: <c>boolean</c> or <c>string</c>.</summary>
    public string? AnswerType { get; init; }

    /// <summary>Gets the media types a successful answer may have.</summary>
    public IReadOnlyList<string> AnswerMediaTypes { get; init; } = [];

    /// <summary>Gets whether the path is an agent call (<c>/api/v1/Agents/...</c>), which a GET describes.</summary>
    public bool IsAgentCall => Path.StartsWith("/api/v1/Agents/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the method and path, as the 404 answer lists served operations.</summary>
    public override string ToString() => Method + " " + Path;
}

/// <summary>One parameter of a call taken from the path or the query string, typed by its OpenAPI schema.</summary>
/// <param name="Name">The call's parameter name, as the agent call's body spells it (<c>ChatSessionId</c>).</param>
/// <param name="In"><c>path</c> or <c>query</c>.</param>
/// <param name="Key">The name in the path template or the query string (<c>chatSessionEntityId</c>), matched case-insensitively.</param>
/// <param name="Type">The OpenAPI schema's type: <c>integer</c>, <c>boolean</c> or <c>string</c>.</param>
/// <param name="Required">Whether the call needs it (path parameters always).</param>
/// <param name="Description">The OpenAPI description.</param>
internal sealed record OperationParameter(string Name, string In, string Key, string Type, bool Required, string Description)
{
    /// <summary>Gets how a violation names it: <c>?after</c> for a query parameter, <c>{id}</c> for a path parameter.</summary>
    public string Pointer => In == "query" ? "?" + Key : "{" + Key + "}";
}
