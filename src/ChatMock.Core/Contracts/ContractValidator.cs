using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChatMock.Contracts;

/// <summary>
/// Checks a request body against a schema of the contract. Property names are matched case-insensitively, as
/// SuperOffice does: a name in another casing is renamed to the documented one and recorded as a warning.
/// </summary>
internal sealed class ContractValidator
{
    private static readonly JsonSchemaValidator Validator = new(new JsonSchemaValidatorSettings());

    /// <summary>The JSON types in the order a violation names them ("a string or null"), listed once.</summary>
    private static readonly JsonObjectType[] TypesNullLast = [.. Enum.GetValues<JsonObjectType>().OrderBy(t => t == JsonObjectType.Null)];

    /// <summary>How many violations (and warnings) are described at most; the rest are counted.</summary>
    public const int MaxDescribed = 101;

    private readonly JsonSchema _schema;
    private readonly bool _rejectUnknownProperties;

    public ContractValidator(JsonSchema schema, bool rejectUnknownProperties)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _rejectUnknownProperties = rejectUnknownProperties;
        UsesFastPath = ContractSchemas.IsEmbedded(schema);
    }

    /// <summary>
    /// Gets whether a valid body may skip NJsonSchema through <see cref="SchemaFastPath"/>: only for the embedded
    /// schemas, whose every keyword the fast path is tested against. A schema of one's own (<c>ContractsPath</c>)
    /// is checked by NJsonSchema alone, so a keyword the fast path misjudged could never let a violation through.
    /// The budget needs it: without it (and without the header caches) a valid posted message allocates 21.8 KB
    /// instead of 5.2 KB, and an XML one 27.7 KB instead of 11.1 KB (EngineBenchmarks, DESIGN.md budget 16 KB).
    /// </summary>
    public bool UsesFastPath { get; }

    /// <summary>
    /// Validates <paramref name="body"/>, first renaming properties to their documented casing in place.
    /// </summary>
    public ContractValidationResult Validate(JToken body)
    {
        ArgumentNullException.ThrowIfNull(body);

        var walk = new NormalizingWalk();
        body = walk.Visit(body, _schema, string.Empty);
        if (UsesFastPath && walk.IsClean && SchemaFastPath.IsCertainlyValid(body, _schema))
        {
            return ContractValidationResult.Valid;
        }

        var errors = Validator.Validate(body, _schema);
        if (errors.Count == 0 && walk.IsClean)
        {
            return ContractValidationResult.Valid;
        }

        var violations = walk.Violations;
        var notDescribed = 0;
        foreach (var error in Flatten(errors, body))
        {
            if (violations.Count >= MaxDescribed || walk.Warnings.Count >= MaxDescribed)
            {
                notDescribed++;
                continue;
            }

            if (error.Kind == ValidationErrorKind.PropertyRequired && IsInsideNonObject(error, body))
            {
                // "[]" breaks the contract once, as "not an object", not again for each property it cannot have.
                continue;
            }

            if (error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && !_rejectUnknownProperties)
            {
                var violation = Describe(error, body, walk);
                walk.Warnings.Add($"{violation.Path}: {violation.Message} It was accepted because unknown properties are allowed.");
                continue;
            }

            violations.Add(Describe(error, body, walk));
        }

        return new ContractValidationResult(WithoutRepeats(violations), walk.WarningsOrNone, notDescribed);
    }

    /// <summary>The violations, each once, in order; a copy only when one repeats.</summary>
    private static List<ContractViolation> WithoutRepeats(List<ContractViolation> violations)
    {
        if (violations.Count < 2)
        {
            return violations;
        }

        // A handful (the usual case) is checked in place, without a set; a copy only when one repeats.
        if (violations.Count <= 16)
        {
            for (var i = 1; i < violations.Count; i++)
            {
                if (violations.IndexOf(violations[i], 0, i) >= 0)
                {
                    return [.. violations.Distinct()];
                }
            }

            return violations;
        }

        var seen = new HashSet<ContractViolation>(violations.Count);
        List<ContractViolation>? once = null;
        for (var i = 0; i < violations.Count; i++)
        {
            if (seen.Add(violations[i]))
            {
                once?.Add(violations[i]);
            }
            else
            {
                once ??= violations.GetRange(0, i);
            }
        }

        return once ?? violations;
    }

    /// <summary>
    /// Replaces the errors of <c>oneOf</c> and multi-type schemas with those of the branch the value was meant
    /// for, so that <c>"Message": {"Type": "Foo"}</c> reports the enum, not "null expected".
    /// </summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors, JToken body)
    {
        foreach (var error in errors)
        {
            switch (error)
            {
                case ChildSchemaValidationError child:
                    var branches = child.Errors.Where(b => !IsNullSchema(b.Key)).ToList();
                    if (branches.Count == 1 && !branches[0].Value.Any(e => e.Path == error.Path && IsTypeError(e.Kind)))
                    {
                        foreach (var inner in Flatten(branches[0].Value, body))
                        {
                            yield return inner;
                        }
                    }
                    else
                    {
                        yield return error;
                    }

                    break;

                case MultiTypeValidationError multi:
                    var token = FindToken(body, error.Path);
                    var matching = multi.Errors.FirstOrDefault(b => Matches(b.Key, token));
                    if (matching.Value is { Count: > 0 })
                    {
                        foreach (var inner in Flatten(matching.Value, body))
                        {
                            yield return inner;
                        }
                    }
                    else
                    {
                        yield return error;
                    }

                    break;

                default:
                    yield return error;
                    break;
            }
        }
    }

    private static bool IsInsideNonObject(ValidationError error, JToken body)
    {
        var parent = ParentOf(ToJsonPath(error.Path), error.Property);
        return (parent.Length == 0 ? body : body.SelectToken(parent, errorWhenNoMatch: false)) is not JObject;
    }

    private static bool IsTypeError(ValidationErrorKind kind) => kind is ValidationErrorKind.ObjectExpected
        or ValidationErrorKind.ArrayExpected or ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.NullExpected
        or ValidationErrorKind.NoTypeValidates;

    private static bool IsNullSchema(JsonSchema? schema) => schema is not null && schema.ActualSchema.Type == JsonObjectType.Null;

    private static bool Matches(JsonObjectType type, JToken? token) => token?.Type switch
    {
        JTokenType.String => type.HasFlag(JsonObjectType.String),
        JTokenType.Integer => type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number),
        JTokenType.Float => type.HasFlag(JsonObjectType.Number),
        JTokenType.Boolean => type.HasFlag(JsonObjectType.Boolean),
        JTokenType.Null => type.HasFlag(JsonObjectType.Null),
        JTokenType.Object => type.HasFlag(JsonObjectType.Object),
        JTokenType.Array => type.HasFlag(JsonObjectType.Array),
        _ => false,
    };

    private static ContractViolation Describe(ValidationError error, JToken body, NormalizingWalk walk)
    {
        var schema = error.Schema?.ActualSchema;
        var path = ToJsonPath(error.Path);
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                return new ContractViolation(
                    Pointer(ParentOf(path, error.Property)) + "/" + EscapePointer(error.Property ?? string.Empty),
                    $"The required property {error.Property} is missing.");

            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var known = schema is null ? string.Empty : string.Join(", ", schema.ActualProperties.Keys);
                var guess = schema is null ? null : ClosestName(error.Property ?? string.Empty, schema.ActualProperties.Keys);
                return new ContractViolation(
                    Pointer(ParentOf(path, error.Property)) + "/" + EscapePointer(error.Property ?? string.Empty),
                    guess is null
                        ? $"Unknown property '{error.Property}': expected one of {known}."
                        : $"Unknown property '{error.Property}' (did you mean '{guess}'?): expected one of {known}.");
        }

        var token = FindToken(body, error.Path);
        var actual = walk.Describe(token);
        var message = error.Kind switch
        {
            ValidationErrorKind.NotInEnumeration =>
                EnumMessage(schema, token, actual),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall =>
                $"Expected {ExpectedType(schema)} but got {actual}.",
            ValidationErrorKind.StringTooLong =>
                $"Expected at most {schema?.MaxLength} characters but got {((string?)token)?.Length} characters.",
            ValidationErrorKind.StringTooShort =>
                $"Expected at least {schema?.MinLength} characters but got {((string?)token)?.Length} characters.",
            ValidationErrorKind.DateTimeExpected =>
                $"Expected a date-time such as 2026-11-24T09:30:00Z but got {actual}.",
            ValidationErrorKind.IntegerExpected or ValidationErrorKind.StringExpected
                or ValidationErrorKind.NumberExpected or ValidationErrorKind.BooleanExpected
                or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates
                or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf =>
                schema is { Enumeration.Count: > 0 }
                    ? EnumMessage(schema, token, actual)
                    : $"Expected {ExpectedType(error.Schema)} but got {actual}.",
            _ => $"The value {actual} breaks the contract ({error.Kind}).",
        };

        return new ContractViolation(Pointer(path), message);
    }

    /// <summary>Describes in words what a schema accepts: "an integer from 0 to 10", "a string or null".</summary>
    private static string ExpectedType(JsonSchema? schema)
    {
        if (schema is null)
        {
            return "a different value";
        }

        if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0)
        {
            return string.Join(" or ", schema.OneOf.Concat(schema.AnyOf).Select(ExpectedType));
        }

        var actual = schema.ActualSchema;
        if (actual.Enumeration.Count > 0 && actual.Type == JsonObjectType.String)
        {
            return "one of " + string.Join(", ", actual.Enumeration);
        }

        var names = new List<string>();
        foreach (var type in TypesNullLast)
        {
            if (type != JsonObjectType.None && actual.Type.HasFlag(type))
            {
                names.Add(type switch
                {
                    JsonObjectType.Integer when actual.Minimum is { } min && actual.Maximum is { } max =>
                        string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}"),
                    JsonObjectType.Integer => "an integer",
                    JsonObjectType.Number => "a number",
                    JsonObjectType.String when actual.Format == JsonFormatStrings.DateTime => "a date-time string",
                    JsonObjectType.String => "a string",
                    JsonObjectType.Boolean => "true or false",
                    JsonObjectType.Object when !string.IsNullOrEmpty(actual.Title) => $"{Article(actual.Title)} {actual.Title} object",
                    JsonObjectType.Object => "an object",
                    JsonObjectType.Array => "an array",
                    JsonObjectType.Null => "null",
                    _ => type.ToString().ToLowerInvariant(),
                });
            }
        }

        return names.Count == 0 ? "a different value" : string.Join(" or ", names);
    }

    private static string EnumMessage(JsonSchema? schema, JToken? token, string actual)
    {
        var hint = EnumHint(schema, token);
        var end = hint.Contains("did you mean", StringComparison.Ordinal) ? "?" : ".";
        return $"Expected one of {string.Join(", ", schema?.Enumeration ?? [])} but got {actual}{hint}{end}";
    }

    /// <summary>A hint for the two usual enum mistakes: a name in the wrong casing, and a number for a name.</summary>
    private static string EnumHint(JsonSchema? schema, JToken? token)
    {
        if (schema is null || token?.Type is not (JTokenType.String or JTokenType.Integer))
        {
            return string.Empty;
        }

        var text = token.Type == JTokenType.String ? (string?)token : null;
        string? example = null;
        var index = 0;
        foreach (var value in schema.Enumeration)
        {
            if (value is not string name)
            {
                continue;
            }

            if (text is not null && string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return $"; names are case-sensitive: did you mean {name}";
            }

            if (index++ <= 2)
            {
                example = name;
            }
        }

        return token.Type == JTokenType.Integer && example is not null
            ? $"; send the name, such as {example}, not its number"
            : string.Empty;
    }

    /// <summary>The known name within two edits of a misspelt one, ignoring case; null when none is that close.</summary>
    private static string? ClosestName(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in known)
        {
            var distance = EditDistance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Article(string word) => "AEIOUaeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>Turns NJsonSchema's error path (<c>#/Message.Type</c>) into a JSON path (<c>Message.Type</c>).</summary>
    private static string ToJsonPath(string? errorPath)
    {
        if (string.IsNullOrEmpty(errorPath) || errorPath == "#" || errorPath == "#/")
        {
            return string.Empty;
        }

        return errorPath.StartsWith("#/", StringComparison.Ordinal) ? errorPath[2..] : errorPath;
    }

    private static string ParentOf(string path, string? property)
    {
        if (string.IsNullOrEmpty(property) || !path.EndsWith(property, StringComparison.Ordinal))
        {
            return path;
        }

        var parent = path[..^property.Length];
        return parent.EndsWith('.') ? parent[..^1] : parent;
    }

    private static JToken? FindToken(JToken body, string? errorPath)
    {
        var path = ToJsonPath(errorPath);
        if (path.Length == 0)
        {
            return body;
        }

        // The usual path is property names and dots (Message.Type): followed directly, as SelectToken would, without
        // parsing a JSONPath expression for each violation.
        if (!path.AsSpan().ContainsAnyExcept(PlainPathCharacters) && path[0] != '.' && path[^1] != '.' && !path.Contains("..", StringComparison.Ordinal))
        {
            var token = body;
            foreach (var range in path.AsSpan().Split('.'))
            {
                if (token is not JObject obj || obj.Property(path[range], StringComparison.Ordinal) is not { } property)
                {
                    return null;
                }

                token = property.Value;
            }

            return token;
        }

        return body.SelectToken(path, errorWhenNoMatch: false);
    }

    private static readonly System.Buffers.SearchValues<char> PlainPathCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    /// <summary>Turns a JSON path of known property names (<c>Message.Type</c>, <c>a[0]</c>) into a JSON pointer.</summary>
    private static string Pointer(string jsonPath)
    {
        if (jsonPath.Length == 0)
        {
            return string.Empty;
        }

        // Segments split at '.' and '[', ']' dropped, empty segments skipped, '~' and '/' escaped: in one pass.
        var pointer = new System.Text.StringBuilder(jsonPath.Length + 8);
        var segmentStart = true;
        foreach (var c in jsonPath)
        {
            switch (c)
            {
                case '.' or '[':
                    segmentStart = true;
                    continue;
                case ']':
                    continue;
            }

            if (segmentStart)
            {
                pointer.Append('/');
                segmentStart = false;
            }

            _ = c switch
            {
                '~' => pointer.Append("~0"),
                '/' => pointer.Append("~1"),
                _ => pointer.Append(c),
            };
        }

        return pointer.ToString();
    }

    internal static string EscapePointer(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>
    /// One pass over the body beside its schema: renames properties to their documented casing, and replaces
    /// integers too large for 64 bits (which NJsonSchema cannot compare) with a stand-in that keeps the original text.
    /// </summary>
    private sealed class NormalizingWalk
    {
        private Dictionary<JToken, string>? _hugeNumbers;
        private List<ContractViolation>? _violations;
        private List<string>? _warnings;

        public List<ContractViolation> Violations => _violations ??= [];

        public List<string> Warnings => _warnings ??= [];

        public IReadOnlyList<string> WarningsOrNone => _warnings ?? (IReadOnlyList<string>)[];

        public bool IsClean => (_violations?.Count ?? 0) == 0 && (_warnings?.Count ?? 0) == 0;

        /// <summary>Visits a token; returns it, or the stand-in that replaced it.</summary>
        public JToken Visit(JToken token, JsonSchema? schema, string pointer)
        {
            switch (token)
            {
                case JObject obj:
                    VisitObject(obj, SchemaShapes.ObjectSchemaOf(schema), pointer);
                    return obj;

                case JArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Visit(array[i], schema?.ActualSchema.Item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture));
                    }

                    return array;

                case JValue { Value: BigInteger huge } value:
                    _hugeNumbers ??= new Dictionary<JToken, string>(ReferenceEqualityComparer.Instance);
                    var standIn = new JValue(huge.Sign < 0 ? long.MinValue : long.MaxValue);
                    if (value.Parent is not null)
                    {
                        value.Replace(standIn);
                    }

                    _hugeNumbers[standIn] = huge.ToString(CultureInfo.InvariantCulture);
                    return standIn;

                default:
                    return token;
            }
        }

        public string Describe(JToken? token)
        {
            if (token is not null && _hugeNumbers is not null && _hugeNumbers.TryGetValue(token, out var text))
            {
                return text;
            }

            return DescribeValue(token);
        }

        private void VisitObject(JObject obj, JsonSchema? schema, string pointer)
        {
            if (schema is null)
            {
                return;
            }

            var properties = SchemaShapes.ActualPropertiesOf(schema);
            if (HasOnlyDocumentedNames(obj, properties))
            {
                // The usual body: nothing to rename or remove, so walk the properties in place, and spell out a
                // pointer only for a value that has values inside it.
                for (var node = obj.First; node is not null; node = node.Next)
                {
                    var property = (JProperty)node;
                    var value = property.Value;
                    Visit(value, properties[property.Name], value is JContainer ? pointer + "/" + EscapePointer(property.Name) : pointer);
                }

                return;
            }

            foreach (var property in obj.Properties().ToList())
            {
                var name = property.Name;
                if (!properties.TryGetValue(name, out var propertySchema))
                {
                    var canonical = properties.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                    if (canonical is not null)
                    {
                        propertySchema = properties[canonical];
                        if (obj.ContainsKey(canonical))
                        {
                            Violations.Add(new ContractViolation(
                                pointer + "/" + EscapePointer(name),
                                $"The property '{name}' repeats '{canonical}': property names are matched case-insensitively, so each may appear once."));
                            property.Remove();
                            continue;
                        }

                        Warnings.Add($"{pointer}/{EscapePointer(name)}: the property '{name}' was read as '{canonical}'; SuperOffice matches names case-insensitively, but the documented name is '{canonical}'.");
                        property.Replace(new JProperty(canonical, property.Value));
                    }
                }

                if (propertySchema is not null)
                {
                    var renamed = obj.Property(propertySchema.Name, StringComparison.Ordinal);
                    if (renamed is not null)
                    {
                        Visit(renamed.Value, propertySchema, pointer + "/" + EscapePointer(propertySchema.Name));
                    }
                }
            }
        }

        private static bool HasOnlyDocumentedNames(JObject obj, IReadOnlyDictionary<string, JsonSchemaProperty> properties)
        {
            for (var node = obj.First; node is not null; node = node.Next)
            {
                if (!properties.ContainsKey(((JProperty)node).Name))
                {
                    return false;
                }
            }

            return true;
        }
    }

    internal static string DescribeValue(JToken? token) => token?.Type switch
    {
        null or JTokenType.Undefined => "nothing",
        JTokenType.Null => "null",
        JTokenType.String => "the string \"" + Shorten((string?)token ?? string.Empty) + "\"",
        JTokenType.Integer => Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture) ?? "a number",
        JTokenType.Float => "the number " + FloatText((JValue)token),
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => "a " + token.Type.ToString().ToLowerInvariant(),
    };

    /// <summary>Writes a JSON number that had a fraction or exponent so that it reads as one: 1.0, not 1.</summary>
    private static string FloatText(JValue value)
    {
        var text = Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "?";
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.OrdinalIgnoreCase) ? text : text + ".0";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
