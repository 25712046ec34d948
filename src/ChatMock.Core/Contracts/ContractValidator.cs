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
internal sealed partial class ContractValidator
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

    /// <summary>Gets the schema bodies are checked against.</summary>
    public JsonSchema Schema => _schema;

    /// <summary>
    /// Validates <paramref name="body"/>, first renaming properties to their documented casing in place.
    /// </summary>
    public ContractValidationResult Validate(JToken body)
    {
        ArgumentNullException.ThrowIfNull(body);

        var walk = new NormalizingWalk();
        body = walk.Visit(body, _schema, string.Empty);
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
}
