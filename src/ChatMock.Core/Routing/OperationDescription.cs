using System.Globalization;
using System.Text;
using ChatMock.Contracts;
using NJsonSchema;

namespace ChatMock.Routing;

/// <summary>
/// What a GET on an agent URL answers, as on SuperOffice: a plain-text description of the call, written from the
/// contract (the operation's entry in openapi.json and its schemas), not run.
/// </summary>
internal static class OperationDescription
{
    /// <summary>The description of <paramref name="operation"/>, UTF-8.</summary>
    public static byte[] Write(Operation operation, ContractSchemas schemas)
    {
        var text = new StringBuilder();
        text.Append(operation.Method).Append(' ').AppendLine(operation.Path);
        AppendIfAny(text, operation.Summary);
        AppendIfAny(text, operation.Description);
        text.AppendLine();
        if (operation.BodySchema is { } body)
        {
            text.Append("Request body: ").Append(Shape(schemas.ByFileName(body), body)).AppendLine()
                .Append("  as ").Append(string.Join(", ", operation.BodyMediaTypes)).AppendLine(".");
        }

        text.Append(CultureInfo.InvariantCulture, $"Response: {operation.AnswerStatus}");
        if (operation.AnswerSchema is { } answer)
        {
            var schema = schemas.ByFileName(answer);
            text.Append(CultureInfo.InvariantCulture, $" with {(operation.AnswerShape == "array" ? "an array of" : "the")} {schema?.Title ?? answer}")
                .Append(": ").Append(string.Join(", ", Properties(schema)));
        }

        text.Append("; ").Append(string.Join(" or ", operation.AnswerMediaTypes.Select(Kind).Distinct())).AppendLine(" by Accept.");
        foreach (var (name, description) in operation.QueryParameters)
        {
            text.Append("Query: ").Append(name).Append(": ").AppendLine(description);
        }

        foreach (var name in operation.PathParameters)
        {
            text.Append("Path: {").Append(name).AppendLine("}");
        }

        if (operation.HeaderParameters.Count > 0)
        {
            text.Append("Headers: ").AppendLine(string.Join(", ", operation.HeaderParameters));
        }

        text.AppendLine().Append("Served by ChatMock, a mock of the SuperOffice WebAPI.");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void AppendIfAny(StringBuilder text, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            text.AppendLine(line);
        }
    }

    private static string Shape(JsonSchema? schema, string file) =>
        "{" + string.Join(", ", Properties(schema).Select(p => $"\"{p}\"")) + "} (" + file + ")";

    private static string Kind(string mediaType) => mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) ? "XML" : "JSON";

    /// <summary>The property names of a schema, its own and those of the schemas it extends (allOf).</summary>
    private static IEnumerable<string> Properties(JsonSchema? schema)
    {
        if (schema is null)
        {
            return [];
        }

        var actual = schema.ActualSchema;
        return actual.ActualProperties.Keys.Concat(actual.AllOf.SelectMany(s => Properties(s.ActualSchema))).Distinct(StringComparer.Ordinal);
    }
}
