using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Contracts;

/// <summary>
/// Says, without allocating, whether a body certainly satisfies a schema, so that a valid request skips
/// NJsonSchema: its validator builds error lists, dictionaries and paths for every branch it tries, which cost
/// most of a valid call's time and allocations. It reads the same schema objects NJsonSchema reads (nothing here
/// repeats the contract), follows NJsonSchema's rules for the keywords the contract uses, and answers
/// <see langword="false"/> (not known to be valid) for everything else: a float, an array, a format to check, a
/// keyword it does not handle. A <see langword="false"/> only sends the body to NJsonSchema, which then finds the
/// violations, or none; so a wrong <see langword="false"/> costs time, and only a wrong <see langword="true"/>
/// could cost correctness. The tests compare the two on every example and on the fuzz corpus, which is why it
/// answers only for the embedded schemas (<see cref="ContractSchemas.IsEmbedded"/>), never for a ContractsPath one.
/// </summary>
internal static class SchemaFastPath
{
    private const int MaxDepth = 32;

    // What the checks read of each schema, in plain arrays and dictionaries, taken once: NJsonSchema's collections
    // hand out a new enumerator on every loop. The contract's schemas never change once loaded.
    private static readonly ConditionalWeakTable<JsonSchema, Shape> Shapes = [];

    public static bool IsCertainlyValid(JToken token, JsonSchema schema) => Check(token, schema.ActualSchema, 0);

    /// <summary>Mirrors <c>JsonSchemaValidator.Validate</c>: anyOf, allOf, oneOf, not, type, enum, properties.</summary>
    private static bool Check(JToken token, JsonSchema schema, int depth)
    {
        if (depth > MaxDepth || schema.Not is not null)
        {
            return false;
        }

        var shape = Shapes.GetValue(schema, static s => new Shape(s));
        if (shape.AnyOf.Length > 0 && !AnyValid(token, shape.AnyOf, depth))
        {
            return false;
        }

        foreach (var branch in shape.AllOf)
        {
            if (!Check(token, branch.Actual, depth + 1))
            {
                return false;
            }
        }

        if (shape.OneOf.Length > 0 && !ExactlyOneValid(token, shape.OneOf, depth))
        {
            return false;
        }

        return CheckType(token, schema) && CheckEnum(token, shape) && CheckProperties(token, schema, shape, depth);
    }

    private static bool AnyValid(JToken token, Branch[] branches, int depth)
    {
        foreach (var branch in branches)
        {
            if (Check(token, branch.Actual, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One branch certainly valid, and every other one certainly invalid because its type rules the token out.</summary>
    private static bool ExactlyOneValid(JToken token, Branch[] branches, int depth)
    {
        var valid = 0;
        foreach (var branch in branches)
        {
            var actual = branch.Actual;

            // NJsonSchema lets null through a nullable schema whatever its type, so only a branch that cannot be
            // nullable is ruled out by its type.
            if (!TypeAdmits(actual.Type, token) && (token.Type != JTokenType.Null || !branch.IsNullable))
            {
                continue;
            }

            if (!Check(token, actual, depth + 1))
            {
                return false;
            }

            valid++;
        }

        return valid == 1;
    }

    /// <summary>Whether NJsonSchema's type rules let the token through (no type at all lets everything through).</summary>
    private static bool TypeAdmits(JsonObjectType type, JToken token) => type == JsonObjectType.None || token.Type switch
    {
        JTokenType.Object => type.HasFlag(JsonObjectType.Object),
        JTokenType.String => type.HasFlag(JsonObjectType.String),
        JTokenType.Integer => type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number),
        JTokenType.Boolean => type.HasFlag(JsonObjectType.Boolean),
        JTokenType.Null => type.HasFlag(JsonObjectType.Null),
        _ => false,
    };

    /// <summary>The type, and the checks NJsonSchema makes on a string's or a number's value whatever the type.</summary>
    private static bool CheckType(JToken token, JsonSchema schema)
    {
        if (!TypeAdmits(schema.Type, token))
        {
            return false;
        }

        switch (token.Type)
        {
            case JTokenType.String:
                var text = (string)((JValue)token).Value!;
                return string.IsNullOrEmpty(schema.Pattern)
                    && string.IsNullOrEmpty(schema.Format)
                    && (schema.MinLength is not { } min || text.Length >= min)
                    && (schema.MaxLength is not { } max || text.Length <= max);

            case JTokenType.Integer:
                if (((JValue)token).Value is not long number || schema.MultipleOf is not null)
                {
                    return false;
                }

                decimal value = number;
                return (schema.Minimum is not { } minimum || (schema.IsExclusiveMinimum ? value > minimum : value >= minimum))
                    && (schema.Maximum is not { } maximum || (schema.IsExclusiveMaximum ? value < maximum : value <= maximum))
                    && (schema.ExclusiveMinimum is not { } exclusiveMinimum || value > exclusiveMinimum)
                    && (schema.ExclusiveMaximum is not { } exclusiveMaximum || value < exclusiveMaximum);

            case JTokenType.Object:
            case JTokenType.Boolean:
            case JTokenType.Null:
                return true;

            default:
                return false;
        }
    }

    /// <summary>An enumeration of names: a string token that is one of them, compared as NJsonSchema does, by text.</summary>
    private static bool CheckEnum(JToken token, Shape shape) =>
        shape.EnumNames is not { } names || (token.Type == JTokenType.String && names.Contains((string)((JValue)token).Value!));

    /// <summary>Mirrors <c>ValidateProperties</c> with the ordinal property comparer NJsonSchema uses by default.</summary>
    private static bool CheckProperties(JToken token, JsonSchema schema, Shape shape, int depth)
    {
        var obj = token as JObject;
        if (obj is null && schema.Type.HasFlag(JsonObjectType.Null))
        {
            return true;
        }

        var properties = shape.Properties;
        foreach (var property in shape.PropertyList)
        {
            if (obj?.Property(property.Name, StringComparison.Ordinal) is { } present)
            {
                if (!Check(present.Value, property.Actual, depth + 1))
                {
                    return false;
                }
            }
            else if (property.IsRequired)
            {
                return false;
            }
        }

        foreach (var required in shape.RequiredElsewhere)
        {
            if (obj?.Property(required, StringComparison.Ordinal) is null)
            {
                return false;
            }
        }

        if (obj is null)
        {
            return true;
        }

        if (schema.MaxProperties > 0 || schema.MinProperties > 0)
        {
            return false;
        }

        for (var node = obj.First; node is not null; node = node.Next)
        {
            if (!properties.ContainsKey(((JProperty)node).Name)
                && (schema.PatternProperties.Count > 0 || schema.AdditionalPropertiesSchema is not null || !schema.AllowAdditionalProperties))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A branch of anyOf, allOf or oneOf, with what the checks ask of it.</summary>
    private sealed record Branch(JsonSchema Actual, bool IsNullable);

    /// <summary>A property of a schema, with what the checks ask of it.</summary>
    private sealed record PropertyShape(string Name, JsonSchema Actual, bool IsRequired);

    /// <summary>What the checks read of one schema, taken once.</summary>
    private sealed class Shape
    {
        public Shape(JsonSchema schema)
        {
            AnyOf = [.. schema.AnyOf.Select(ToBranch)];
            AllOf = [.. schema.AllOf.Select(ToBranch)];
            OneOf = [.. schema.OneOf.Select(ToBranch)];
            Properties = new Dictionary<string, JsonSchemaProperty>(schema.Properties, StringComparer.Ordinal);
            PropertyList = [.. schema.Properties.Select(p => new PropertyShape(p.Key, p.Value.ActualSchema, p.Value.IsRequired))];
            RequiredElsewhere = [.. schema.RequiredProperties.Where(r => !schema.Properties.ContainsKey(r))];

            // Only an enumeration of names can be decided here; any other kind goes to NJsonSchema.
            EnumNames = schema.Enumeration.Count == 0 ? null
                : schema.Enumeration.All(v => v is string) ? new HashSet<string>(schema.Enumeration.Cast<string>(), StringComparer.Ordinal)
                : [];
        }

        public Branch[] AnyOf { get; }

        public Branch[] AllOf { get; }

        public Branch[] OneOf { get; }

        public Dictionary<string, JsonSchemaProperty> Properties { get; }

        public PropertyShape[] PropertyList { get; }

        public string[] RequiredElsewhere { get; }

        /// <summary>Gets the names of a string enumeration; null without one; empty (nothing passes) for any other.</summary>
        public HashSet<string>? EnumNames { get; }

        private static Branch ToBranch(JsonSchema branch) =>
            new(branch.ActualSchema, branch.IsNullable(SchemaType.JsonSchema) || branch.ActualSchema.IsNullable(SchemaType.JsonSchema));
    }
}
