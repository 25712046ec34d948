using System.Globalization;
using ChatMock.Answers;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;
using ChatMock.Routing;
using Newtonsoft.Json.Linq;

namespace ChatMock.Contracts;

/// <summary>
/// The call's input as one document: the validated body (or the body as the parameter <c>bodyAs</c> names), then
/// each path and query parameter the operation declares, typed by its OpenAPI schema. A parameter that is missing or
/// not of its type is a contract violation, answered 400 with the others, as a body's are.
/// </summary>
internal static class ParameterStep
{
    /// <summary>Builds the input; null when every parameter is valid, else the 400.</summary>
    public static ChatMockResponse? Read(ChatMockRequest request, OperationPath path, Operation operation, JToken? body, ResponseFormat format, CallOutcome outcome, out JObject input)
    {
        input = operation.BodyAs is { } name ? new JObject { [name] = body ?? JValue.CreateNull() }
            : body as JObject ?? [];
        if (operation.Parameters.Count == 0)
        {
            return null;
        }

        var pathValues = path.Parameters(request.Path);
        List<ContractViolation>? violations = null;
        foreach (var parameter in operation.Parameters)
        {
            var text = parameter.In == "path" ? pathValues.GetValueOrDefault(parameter.Key) : SelectQuery.QueryValue(request.QueryString, parameter.Key);
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
                input[parameter.Name] = value;
            }
            else
            {
                (violations ??= []).Add(new ContractViolation(parameter.Pointer, $"Expected {Describe(parameter)}, got '{Echo.Of(text)}'."));
            }
        }

        if (violations is null)
        {
            return null;
        }

        outcome.Violations = ErrorAnswers.Reported(violations, violations.Count);
        return ErrorAnswers.Contract(format, operation.Handler, outcome.Violations, violations.Count);
    }

    private static JValue? Typed(string type, string text) => type switch
    {
        "integer" => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? new JValue(number) : null,
        "boolean" => bool.TryParse(text, out var flag) ? new JValue(flag) : null,
        _ => new JValue(text),
    };

    private static string Describe(OperationParameter parameter) => parameter.Type switch
    {
        "integer" => "an integer (int32)",
        "boolean" => "true or false",
        _ => "a string",
    };
}
