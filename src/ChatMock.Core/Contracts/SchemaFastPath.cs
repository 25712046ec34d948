using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NJsonSchema;

namespace ChatMock.Contracts;

/// <summary>
/// Says, with hardly an allocation, whether a body's document certainly satisfies a schema, so that a valid request
/// skips NJsonSchema: its validator builds error lists, dictionaries and paths for every branch it tries, which cost
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

    // What the checks read of each schema, taken once into a tree of shapes that point at each other (the schema's
    // $refs, branches and properties followed when the tree is made), so that a check neither looks a schema up nor
    // reads NJsonSchema's collections, which hand out a new enumerator on every loop. The contract's schemas never
    // change once loaded.
    private static readonly ConditionalWeakTable<JsonSchema, Shape> Roots = [];

    /// <summary>
    /// Whether <paramref name="document"/> certainly satisfies <paramref name="schema"/>, with every property name in
    /// its documented casing (a name in another casing is renamed by <see cref="ContractValidator"/>, with a warning).
    /// </summary>
    public static bool IsCertainlyValid(JsonElement document, JsonSchema schema) =>
        Check(document, Roots.GetValue(schema, static s => Shape.Of(s.ActualSchema, new Dictionary<JsonSchema, Shape>(ReferenceEqualityComparer.Instance))), 0);

    /// <summary>Mirrors <c>JsonSchemaValidator.Validate</c>: anyOf, allOf, oneOf, not, type, enum, properties.</summary>
    private static bool Check(JsonElement token, Shape shape, int depth)
    {
        if (depth > MaxDepth || shape.HasNot)
        {
            return false;
        }

        if (shape.AnyOf.Length > 0 && !AnyValid(token, shape.AnyOf, depth))
        {
            return false;
        }

        foreach (var branch in shape.AllOf)
        {
            if (!Check(token, branch.Shape, depth + 1))
            {
                return false;
            }
        }

        if (shape.OneOf.Length > 0 && !ExactlyOneValid(token, shape.OneOf, depth))
        {
            return false;
        }

        return CheckType(token, shape) && CheckEnum(token, shape) && CheckProperties(token, shape, depth);
    }

    private static bool AnyValid(JsonElement token, Branch[] branches, int depth)
    {
        foreach (var branch in branches)
        {
            if (Check(token, branch.Shape, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One branch certainly valid, and every other one certainly invalid because its type rules the token out.</summary>
    private static bool ExactlyOneValid(JsonElement token, Branch[] branches, int depth)
    {
        var valid = 0;
        foreach (var branch in branches)
        {
            // NJsonSchema lets null through a nullable schema whatever its type, so only a branch that cannot be
            // nullable is ruled out by its type.
            if (!TypeAdmits(branch.Shape.Type, token) && (token.ValueKind != JsonValueKind.Null || !branch.IsNullable))
            {
                continue;
            }

            if (!Check(token, branch.Shape, depth + 1))
            {
                return false;
            }

            valid++;
        }

        return valid == 1;
    }

    /// <summary>
    /// Whether a number is an integer as NJsonSchema's tree (Newtonsoft's) reads it: written without a fraction or an
    /// exponent. <c>1.0</c> and <c>1e2</c> are floats there, left to NJsonSchema.
    /// </summary>
    private static bool IsInteger(JsonElement number) => JsonMarshal.GetRawUtf8Value(number).IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>Whether NJsonSchema's type rules let the token through (no type at all lets everything through).</summary>
    private static bool TypeAdmits(JsonObjectType type, JsonElement token) => type == JsonObjectType.None || token.ValueKind switch
    {
        JsonValueKind.Object => type.HasFlag(JsonObjectType.Object),
        JsonValueKind.String => type.HasFlag(JsonObjectType.String),
        JsonValueKind.Number => IsInteger(token) && (type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number)),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonObjectType.Boolean),
        JsonValueKind.Null => type.HasFlag(JsonObjectType.Null),
        _ => false,
    };

    /// <summary>The type, and the checks NJsonSchema makes on a string's or a number's value whatever the type.</summary>
    private static bool CheckType(JsonElement token, Shape shape)
    {
        if (!TypeAdmits(shape.Type, token))
        {
            return false;
        }

        switch (token.ValueKind)
        {
            case JsonValueKind.String:
                if (shape.HasPatternOrFormat)
                {
                    return false;
                }

                if (shape.MinLength is null && shape.MaxLength is null)
                {
                    return true;
                }

                var text = token.GetString()!;
                return (shape.MinLength is not { } min || text.Length >= min)
                    && (shape.MaxLength is not { } max || text.Length <= max);

            case JsonValueKind.Number:
                if (!IsInteger(token) || !token.TryGetInt64(out var number) || shape.HasMultipleOf)
                {
                    return false;
                }

                decimal value = number;
                return (shape.Minimum is not { } minimum || (shape.IsExclusiveMinimum ? value > minimum : value >= minimum))
                    && (shape.Maximum is not { } maximum || (shape.IsExclusiveMaximum ? value < maximum : value <= maximum))
                    && (shape.ExclusiveMinimum is not { } exclusiveMinimum || value > exclusiveMinimum)
                    && (shape.ExclusiveMaximum is not { } exclusiveMaximum || value < exclusiveMaximum);

            case JsonValueKind.Object:
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                return true;

            default:
                return false;
        }
    }

    /// <summary>An enumeration of names: a string token that is one of them, compared as NJsonSchema does, by text.</summary>
    private static bool CheckEnum(JsonElement token, Shape shape) =>
        shape.EnumNames is not { } names || (token.ValueKind == JsonValueKind.String && names.Contains(token.GetString()!));

    /// <summary>
    /// Mirrors <c>ValidateProperties</c> with the ordinal property comparer NJsonSchema uses by default; a name
    /// that is a documented one in another casing is left to the validator, which renames it.
    /// </summary>
    private static bool CheckProperties(JsonElement token, Shape shape, int depth)
    {
        var isObject = token.ValueKind == JsonValueKind.Object;
        if (!isObject && shape.Type.HasFlag(JsonObjectType.Null))
        {
            return true;
        }

        foreach (var property in shape.Properties)
        {
            if (isObject && token.TryGetProperty(property.Utf8Name, out var present))
            {
                if (!Check(present, property.Shape, depth + 1))
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
            if (!isObject || !token.TryGetProperty(required, out _))
            {
                return false;
            }
        }

        if (!isObject)
        {
            return true;
        }

        if (shape.LimitsPropertyCount)
        {
            return false;
        }

        foreach (var property in token.EnumerateObject())
        {
            if (IsPropertyOf(shape, property))
            {
                continue;
            }

            var name = property.Name;
            if (shape.PropertyNames.Contains(name))
            {
                continue;
            }

            if (shape.ChecksOtherProperties || (!shape.DocumentedNames.Contains(name) && shape.DocumentedNamesIgnoringCase.Contains(name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the property's name, as written (no escapes to undo), is one of the shape's properties': no string made.</summary>
    private static bool IsPropertyOf(Shape shape, JsonProperty property)
    {
        var written = JsonMarshal.GetRawUtf8PropertyName(property);
        foreach (var known in shape.Properties)
        {
            if (written.SequenceEqual(known.Utf8Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A branch of anyOf, allOf or oneOf, with what the checks ask of it.</summary>
    private sealed record Branch(Shape Shape, bool IsNullable);

    /// <summary>A property of a schema, with what the checks ask of it.</summary>
    private sealed record PropertyShape(string Name, Shape Shape, bool IsRequired)
    {
        public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(Name);
    }

    /// <summary>What the checks read of one (actual) schema, taken once; its branches and properties are shapes too.</summary>
    private sealed class Shape
    {
        private Shape(JsonSchema schema)
        {
            HasNot = schema.Not is not null;
            Type = schema.Type;
            HasPatternOrFormat = !string.IsNullOrEmpty(schema.Pattern) || !string.IsNullOrEmpty(schema.Format);
            MinLength = schema.MinLength;
            MaxLength = schema.MaxLength;
            HasMultipleOf = schema.MultipleOf is not null;
            Minimum = schema.Minimum;
            Maximum = schema.Maximum;
            IsExclusiveMinimum = schema.IsExclusiveMinimum;
            IsExclusiveMaximum = schema.IsExclusiveMaximum;
            ExclusiveMinimum = schema.ExclusiveMinimum;
            ExclusiveMaximum = schema.ExclusiveMaximum;
            LimitsPropertyCount = schema.MaxProperties > 0 || schema.MinProperties > 0;
            ChecksOtherProperties = schema.PatternProperties.Count > 0 || schema.AdditionalPropertiesSchema is not null || !schema.AllowAdditionalProperties;
            PropertyNames = new HashSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
            DocumentedNames = new HashSet<string>(SchemaShapes.ActualPropertiesOf(schema).Keys, StringComparer.Ordinal);
            DocumentedNamesIgnoringCase = new HashSet<string>(DocumentedNames, StringComparer.OrdinalIgnoreCase);
            RequiredElsewhere = [.. schema.RequiredProperties.Where(r => !schema.Properties.ContainsKey(r))];

            // Only an enumeration of names can be decided here; any other kind goes to NJsonSchema.
            EnumNames = schema.Enumeration.Count == 0 ? null
                : schema.Enumeration.All(v => v is string) ? new HashSet<string>(schema.Enumeration.Cast<string>(), StringComparer.Ordinal)
                : [];
        }

        public bool HasNot { get; }

        public JsonObjectType Type { get; }

        public bool HasPatternOrFormat { get; }

        public int? MinLength { get; }

        public int? MaxLength { get; }

        public bool HasMultipleOf { get; }

        public decimal? Minimum { get; }

        public decimal? Maximum { get; }

        public bool IsExclusiveMinimum { get; }

        public bool IsExclusiveMaximum { get; }

        public decimal? ExclusiveMinimum { get; }

        public decimal? ExclusiveMaximum { get; }

        /// <summary>Gets whether the schema limits how many properties an object has (left to NJsonSchema).</summary>
        public bool LimitsPropertyCount { get; }

        /// <summary>Gets whether a property the schema does not name must be checked (pattern or additional properties).</summary>
        public bool ChecksOtherProperties { get; }

        public HashSet<string> PropertyNames { get; }

        /// <summary>Gets the names the validator renames a property to when it comes in another casing (with those of allOf).</summary>
        public HashSet<string> DocumentedNames { get; }

        /// <summary>Gets <see cref="DocumentedNames"/> in any casing: a name among them but not among those is left to the validator.</summary>
        public HashSet<string> DocumentedNamesIgnoringCase { get; }

        public string[] RequiredElsewhere { get; }

        /// <summary>Gets the names of a string enumeration; null without one; empty (nothing passes) for any other.</summary>
        public HashSet<string>? EnumNames { get; }

        public Branch[] AnyOf { get; private set; } = [];

        public Branch[] AllOf { get; private set; } = [];

        public Branch[] OneOf { get; private set; } = [];

        public PropertyShape[] Properties { get; private set; } = [];

        /// <summary>
        /// The shape of an actual schema, and of every schema it leads to; <paramref name="made"/> holds those made
        /// so far, so that a schema reached twice (or from itself) has one shape.
        /// </summary>
        public static Shape Of(JsonSchema actual, Dictionary<JsonSchema, Shape> made)
        {
            if (made.TryGetValue(actual, out var shape))
            {
                return shape;
            }

            shape = new Shape(actual);
            made.Add(actual, shape);
            shape.AnyOf = [.. actual.AnyOf.Select(branch => ToBranch(branch, made))];
            shape.AllOf = [.. actual.AllOf.Select(branch => ToBranch(branch, made))];
            shape.OneOf = [.. actual.OneOf.Select(branch => ToBranch(branch, made))];
            shape.Properties = [.. actual.Properties.Select(p => new PropertyShape(p.Key, Of(p.Value.ActualSchema, made), p.Value.IsRequired))];
            return shape;
        }

        private static Branch ToBranch(JsonSchema branch, Dictionary<JsonSchema, Shape> made) =>
            new(Of(branch.ActualSchema, made), branch.IsNullable(SchemaType.JsonSchema) || branch.ActualSchema.IsNullable(SchemaType.JsonSchema));
    }
}
