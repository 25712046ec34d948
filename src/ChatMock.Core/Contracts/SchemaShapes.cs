using NJsonSchema;

namespace ChatMock.Contracts;

/// <summary>Answers questions about the shape a schema describes, seeing through <c>$ref</c>, <c>oneOf</c> and <c>allOf</c>.</summary>
internal static class SchemaShapes
{
    /// <summary>Returns the schema that describes an object's properties, or null when the schema describes none.</summary>
    public static JsonSchema? ObjectSchemaOf(JsonSchema? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var actual = schema.ActualSchema;
        if (actual.ActualProperties.Count > 0)
        {
            return actual;
        }

        // "oneOf": [ChatMessage, null] and "allOf": [ChatMessage]: the branch that describes an object.
        return actual.OneOf.Concat(actual.AnyOf).Concat(actual.AllOf)
            .Select(s => s.ActualSchema)
            .FirstOrDefault(s => s.ActualProperties.Count > 0);
    }

    /// <summary>Returns the schema of a property, its name matched case-insensitively; null when there is none.</summary>
    public static JsonSchemaProperty? PropertyOf(JsonSchema? objectSchema, string name)
    {
        if (objectSchema is null)
        {
            return null;
        }

        var properties = objectSchema.ActualProperties;
        if (properties.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var property in properties)
        {
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>Returns whether the schema accepts integers (and not strings), so text can be read as a number.</summary>
    public static bool IsInteger(JsonSchema? schema) =>
        schema is not null && schema.ActualSchema.Type.HasFlag(JsonObjectType.Integer) && !schema.ActualSchema.Type.HasFlag(JsonObjectType.String);
}
