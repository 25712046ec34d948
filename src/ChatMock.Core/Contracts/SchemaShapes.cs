using System.Runtime.CompilerServices;
using NJsonSchema;

namespace ChatMock.Contracts;

/// <summary>Answers questions about the shape a schema describes, seeing through <c>$ref</c>, <c>oneOf</c> and <c>allOf</c>.</summary>
internal static class SchemaShapes
{
    // NJsonSchema builds a new dictionary on every read of ActualProperties; the contract's schemas never change
    // once loaded, so each schema's is built once.
    private static readonly ConditionalWeakTable<JsonSchema, IReadOnlyDictionary<string, JsonSchemaProperty>> Properties = [];

    /// <summary>Returns <see cref="JsonSchema.ActualProperties"/> of a schema, built once per schema.</summary>
    public static IReadOnlyDictionary<string, JsonSchemaProperty> ActualPropertiesOf(JsonSchema schema) =>
        Properties.GetValue(schema, static s => s.ActualProperties);

    /// <summary>Returns the schema that describes an object's properties, or null when the schema describes none.</summary>
    public static JsonSchema? ObjectSchemaOf(JsonSchema? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var actual = schema.ActualSchema;
        if (actual.HasActualProperties)
        {
            return actual;
        }

        // "oneOf": [ChatMessage, null] and "allOf": [ChatMessage]: the branch that describes an object.
        return FirstWithProperties(actual.OneOf) ?? FirstWithProperties(actual.AnyOf) ?? FirstWithProperties(actual.AllOf);
    }

    /// <summary>Returns the schema of a property, its name matched case-insensitively; null when there is none.</summary>
    public static JsonSchemaProperty? PropertyOf(JsonSchema? objectSchema, string name)
    {
        if (objectSchema is null)
        {
            return null;
        }

        var properties = ActualPropertiesOf(objectSchema);
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

    /// <summary>Whether a schema takes a boolean and not a string: an XML or form text <c>true</c> is then the boolean.</summary>
    public static bool IsBoolean(JsonSchema? schema) =>
        schema is not null && schema.ActualSchema.Type.HasFlag(JsonObjectType.Boolean) && !schema.ActualSchema.Type.HasFlag(JsonObjectType.String);

    private static JsonSchema? FirstWithProperties(ICollection<JsonSchema> schemas)
    {
        foreach (var schema in schemas)
        {
            if (schema.ActualSchema.HasActualProperties)
            {
                return schema.ActualSchema;
            }
        }

        return null;
    }
}
