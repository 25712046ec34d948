using System.Runtime.CompilerServices;
using ChatMock.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Routing;

/// <summary>
/// The served operations, read once from <c>contracts/openapi.json</c>: every operation with
/// <c>x-chatmock-handler</c> is a route; paths without it (the admin endpoints) are documentation only. A
/// <c>ContractsPath</c> folder whose <c>openapi.json</c> declares operations (names an <c>x-chatmock-handler</c>)
/// replaces the embedded document; a folder without one, or with one that declares none, keeps the embedded operations.
/// </summary>
internal sealed class OperationRegistry
{
    /// <summary>The extension that names an operation's handler.</summary>
    public const string HandlerExtension = "x-chatmock-handler";

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    /// <summary>The embedded document's operations, read once per set of handlers.</summary>
    private static readonly ConditionalWeakTable<IReadOnlyCollection<string>, OperationRegistry> Embedded = new();

    private readonly OperationPath[] _paths;

    private OperationRegistry(OperationPath[] paths)
    {
        _paths = paths;
        Operations = [.. paths.SelectMany(p => p.Operations)];
        Served = string.Join(", ", Operations);
    }

    /// <summary>Gets every served operation, in the document's order.</summary>
    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>Gets the served operations as a 404 answer names them: <c>POST /path, GET /other</c>.</summary>
    public string Served { get; }

    /// <summary>Reads the operations of <paramref name="contractsPath"/>'s openapi.json, or of the embedded one.</summary>
    /// <param name="contractsPath">The user's contracts folder, or null.</param>
    /// <param name="handlers">The handler names ChatMock has.</param>
    /// <exception cref="ChatMockOptionsException">The document names a handler ChatMock lacks, or is malformed.</exception>
    public static OperationRegistry Load(string? contractsPath, IReadOnlyCollection<string> handlers)
    {
        var file = string.IsNullOrEmpty(contractsPath) ? null : Path.Combine(contractsPath, ContractFiles.OpenApi);
        var text = file is not null && File.Exists(file) ? File.ReadAllText(file) : null;

        // A copy of the folder from before operations were declared names no handler: it keeps the embedded ones.
        return (text is null ? null : Read(text, file!, handlers))
            ?? Embedded.GetValue(handlers, static h => Parse(ContractFiles.ReadEmbeddedOpenApi(), "contracts/" + ContractFiles.OpenApi, h));
    }

    /// <summary>Reads the operations of an OpenAPI document.</summary>
    /// <param name="json">The document.</param>
    /// <param name="source">Where it comes from, for error messages.</param>
    /// <param name="handlers">The handler names ChatMock has.</param>
    /// <exception cref="ChatMockOptionsException">The document names a handler ChatMock lacks, or is malformed.</exception>
    public static OperationRegistry Parse(string json, string source, IReadOnlyCollection<string> handlers) =>
        Read(json, source, handlers)
        ?? throw new ChatMockOptionsException($"{source} declares no operation with {HandlerExtension}; ChatMock would serve nothing.");

    /// <summary>Reads the operations of an OpenAPI document; null when it declares none.</summary>
    private static OperationRegistry? Read(string json, string source, IReadOnlyCollection<string> handlers)
    {
        JObject document;
        try
        {
            document = JObject.Parse(json);
        }
        catch (JsonReaderException ex)
        {
            throw new ChatMockOptionsException($"{source} is not valid JSON: {ex.Message}", ex);
        }

        var problems = new List<string>();
        var paths = new List<OperationPath>();
        foreach (var path in (document["paths"] as JObject)?.Properties() ?? [])
        {
            var operations = new List<Operation>();
            foreach (var method in Methods)
            {
                if (path.Value[method] is JObject entry && entry[HandlerExtension] is { } handler)
                {
                    var operation = ReadOperation(document, path.Name, method, entry, handler.ToString());
                    problems.AddRange(Check(source, operation, handlers));
                    operations.Add(operation);
                }
            }

            if (operations.Count > 0)
            {
                paths.Add(new OperationPath(path.Name, operations));
            }
        }

        if (problems.Count > 0)
        {
            throw new ChatMockOptionsException(problems);
        }

        // A literal segment wins over a parameter: /ChatSession/default before /ChatSession/{id}.
        return paths.Count == 0 ? null : new OperationRegistry([.. paths.OrderBy(p => p.HasParameters)]);
    }

    /// <summary>The path a request path matches, or null; allocates nothing.</summary>
    public OperationPath? Match(string path)
    {
        foreach (var candidate in _paths)
        {
            if (candidate.Matches(path))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Operation ReadOperation(JObject document, string path, string method, JObject entry, string handler)
    {
        var parameters = (entry["parameters"] as JArray ?? []).Select(p => Resolve(document, p)).OfType<JObject>().ToList();
        var input = entry["x-chatmock-input"] as JObject;
        var answer = entry["x-chatmock-answer"] as JObject;
        var mapped = (input?["parameters"] as JObject)?.Properties().Select(p => MapParameter(p, parameters)).ToList() ?? [];
        var pathNames = (input?["path"] as JArray ?? []).Select(p => p.ToString())
            .Concat(mapped.Where(p => p.In == "path").Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return new Operation
        {
            Method = method.ToUpperInvariant(),
            Path = path,
            Handler = handler,
            OperationId = entry["operationId"]?.ToString(),
            Summary = entry["summary"]?.ToString(),
            Description = entry["description"]?.ToString(),
            BodySchema = FileName(input?["body"]?.ToString()),
            BodyMediaTypes = [.. (entry["requestBody"]?["content"] as JObject)?.Properties().Select(p => p.Name) ?? []],
            QueryParameters = [.. parameters.Where(p => p["in"]?.ToString() == "query")
                .Select(p => new KeyValuePair<string, string>(p["name"]!.ToString(), p["description"]?.ToString() ?? string.Empty))],
            PathParameters = [.. pathNames],
            BodyAs = input?["bodyAs"]?.ToString(),
            Parameters = mapped,
            HeaderParameters = [.. parameters.Where(p => p["in"]?.ToString() == "header").Select(p => p["name"]!.ToString())],
            AnswerStatus = answer?["status"]?.Type == JTokenType.Integer ? answer.Value<int>("status") : 0,
            AnswerSchema = FileName(answer?["schema"]?.ToString()),
            AnswerShape = answer?["shape"]?.ToString() ?? "entity",
            AnswerType = answer?["type"]?.ToString(),
            AnswerMediaTypes = [.. (entry["responses"]?[answer?["status"]?.ToString() ?? "200"]?["content"] as JObject)?.Properties().Select(p => p.Name) ?? []],
        };
    }

    /// <summary>An entry of <c>x-chatmock-input.parameters</c>: <c>"ChatSessionId": "path:id"</c>, typed by the OpenAPI parameter it names.</summary>
    private static OperationParameter MapParameter(JProperty entry, List<JObject> parameters)
    {
        var where = entry.Value.ToString();
        var colon = where.IndexOf(':', StringComparison.Ordinal);
        var (place, key) = colon < 0 ? (where, entry.Name) : (where[..colon], where[(colon + 1)..]);
        var declared = parameters.FirstOrDefault(p => p["in"]?.ToString() == place && string.Equals(p["name"]?.ToString(), key, StringComparison.OrdinalIgnoreCase));
        return new OperationParameter(
            entry.Name,
            place,
            key,
            declared?["schema"]?["type"]?.ToString() ?? "string",
            place == "path" || declared?["required"]?.Type == JTokenType.Boolean && declared.Value<bool>("required"),
            declared?["description"]?.ToString() ?? string.Empty);
    }

    private static IEnumerable<string> Check(string source, Operation operation, IReadOnlyCollection<string> handlers)
    {
        var where = $"{source}: {operation.Method} {operation.Path}";
        if (!handlers.Contains(operation.Handler))
        {
            yield return $"{where} names the handler '{operation.Handler}' ({HandlerExtension}), which ChatMock does not have; its handlers are {string.Join(", ", handlers)}.";
        }

        if (operation.AnswerStatus is not (200 or 204))
        {
            yield return $"{where}: x-chatmock-answer.status must be 200 or 204.";
        }

        if (operation.AnswerShape is not ("entity" or "array" or "value"))
        {
            yield return $"{where}: x-chatmock-answer.shape '{operation.AnswerShape}' must be entity, array or value.";
        }

        if (operation.AnswerStatus == 200 && (operation.AnswerShape == "value" ? operation.AnswerType is not ("boolean" or "string") : operation.AnswerSchema is null))
        {
            yield return $"{where}: x-chatmock-answer needs a schema (entity, array) or a type boolean or string (value).";
        }

        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In is not ("path" or "query"))
            {
                yield return $"{where}: x-chatmock-input.parameters.{parameter.Name} must say path:<name> or query:<name>.";
            }
            else if (parameter.Type is not ("integer" or "boolean" or "string"))
            {
                yield return $"{where}: the parameter '{parameter.Key}' must have a schema of type integer, boolean or string.";
            }
        }

        foreach (var name in operation.PathParameters.Where(n => !operation.Path.Contains("{" + n + "}", StringComparison.Ordinal)))
        {
            yield return $"{where}: the path parameter '{name}' of x-chatmock-input is not in the path.";
        }
    }

    private static JToken Resolve(JObject document, JToken parameter) =>
        parameter["$ref"]?.ToString() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal)
            ? document.SelectToken("$." + string.Join('.', reference[2..].Split('/').Select(s => $"['{s}']"))) ?? parameter
            : parameter;

    private static string? FileName(string? reference) => reference is null ? null : Path.GetFileName(reference);
}
