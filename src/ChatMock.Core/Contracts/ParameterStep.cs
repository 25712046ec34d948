using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Contracts;

/// <summary>
/// The call's input as one document: the validated body (or the body as the parameter <c>bodyAs</c> names), then
/// each path and query parameter the operation declares, typed by its OpenAPI schema. A parameter that is missing or
/// not of its type is a contract violation, answered 400 with the others, as a body's are.
/// </summary>
internal static class ParameterStep
{
    /// <summary>Builds the input; null when every parameter is valid, else the 400.</summary>
    public static ChatMockResponse? Read(ChatMockRequest request, OperationPath path, Operation operation, JsonElement? body, ResponseFormat format, CallOutcome outcome, out JsonElement input)
    {
        if (operation.BodyAs is null && operation.Parameters.Count == 0)
        {
            // The usual call: the body is the input.
            input = body is { ValueKind: JsonValueKind.Object } document ? document : JsonBodyReader.EmptyObject;
            return null;
        }

        var pathValues = operation.Parameters.Count == 0 ? null : path.Parameters(request.Path);
        var values = new List<(string Name, JsonValue Value)>();
        List<ContractViolation>? violations = null;
        foreach (var parameter in operation.Parameters)
        {
            var text = parameter.In == "path" ? pathValues!.GetValueOrDefault(parameter.Key) : SelectQuery.QueryValue(request.QueryString, parameter.Key);
            if (text is null)
            {
                if (parameter.Required)
                {
                    (violations ??= []).Add(new ContractViolation(parameter.Pointer, $"The {parameter.In} parameter '{parameter.Key}' is required ({Describe(parameter)}) and was not sent."));
                }

                continue;
            }

            if (Typed(parameter.Type, text) is { } value)
            {
                values.RemoveAll(named => named.Name == parameter.Name);
                values.Add((parameter.Name, value));
            }
            else
            {
                (violations ??= []).Add(new ContractViolation(parameter.Pointer, $"Expected {Describe(parameter)}, got '{Echo.Of(text)}'."));
            }
        }

        if (violations is not null)
        {
            input = JsonBodyReader.EmptyObject;
            outcome.Violations = ErrorAnswers.Reported(violations, violations.Count);
            return ErrorAnswers.Contract(format, operation.Handler, outcome.Violations, violations.Count);
        }

        input = Merged(operation.BodyAs, body, values);
        return null;
    }

    /// <summary>
    /// One object of the body's properties (or the body under <paramref name="bodyAs"/>) and the parameters' typed
    /// values, a parameter in place of a body property of its name.
    /// </summary>
    private static JsonElement Merged(string? bodyAs, JsonElement? body, List<(string Name, JsonValue Value)> values) =>
        JsonElement.Parse(JsonBytes.Write((BodyAs: bodyAs, Body: body, Values: values), WriteMerged), DocumentOptions);

    private static void WriteMerged(Utf8JsonWriter writer, (string? BodyAs, JsonElement? Body, List<(string Name, JsonValue Value)> Values) input)
    {
        var (bodyAs, body, values) = input;
        writer.WriteStartObject();
        if (bodyAs is not null)
        {
            if (!values.Exists(named => named.Name == bodyAs))
            {
                writer.WritePropertyName(bodyAs);
                (body ?? NullElement).WriteTo(writer);
            }
        }
        else if (body is { ValueKind: JsonValueKind.Object } document)
        {
            foreach (var property in document.EnumerateObject())
            {
                if (!values.Exists(named => property.NameEquals(named.Name)))
                {
                    property.WriteTo(writer);
                }
            }
        }

        foreach (var (name, value) in values)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonBodyReader.DocumentDepth };

    private static readonly JsonElement NullElement = JsonElement.Parse("null"u8);

    private static JsonValue? Typed(string type, string text) => type switch
    {
        "integer" => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
        "boolean" => bool.TryParse(text, out var flag) ? JsonValue.Create(flag) : null,
        _ => JsonValue.Create(text),
    };

    private static string Describe(OperationParameter parameter) => parameter.Type switch
    {
        "integer" => "an integer (int32)",
        "boolean" => "true or false",
        _ => "a string",
    };
}
