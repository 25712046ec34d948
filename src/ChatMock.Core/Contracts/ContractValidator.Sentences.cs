using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChatMock.Contracts;

/// <summary>The validator's sentences: what each violation says was expected and what was sent, with hints for the usual mistakes.</summary>
internal sealed partial class ContractValidator
{
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
