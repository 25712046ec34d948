using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Bodies;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Carriers;

/// <summary>Reads validated documents (JSON, XML and form bodies alike, after validation) into carriers.</summary>
internal static class CarrierReader
{
    /// <summary>
    /// A copy of <paramref name="basis"/> with every property <paramref name="posted"/> holds set to its value; the
    /// document has passed its schema, so each value has its documented type and its documented casing.
    /// </summary>
    public static T Read<T>(Carrier carrier, JsonElement posted, T basis)
        where T : class =>
        (T)carrier.With(basis, Changes(carrier, posted));

    /// <summary>The empty carrier: each property's <c>default</c> from its schema, null where the schema gives none.</summary>
    public static T Empty<T>(Carrier carrier, JsonSchema schema)
        where T : class
    {
        var defaults = new JObject();
        foreach (var (name, property) in schema.ActualSchema.ActualProperties)
        {
            if (property.Default is { } value && carrier.Property(name) is not null)
            {
                defaults[name] = JToken.FromObject(value);
            }
        }

        return Read(carrier, NewtonsoftTree.ToElement(defaults), (T)carrier.Create());
    }

    /// <summary>Converts a validated value to the property's type.</summary>
    public static object? Value(CarrierValueKind kind, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Each arm as object: JsonNode converts implicitly from string, int and bool, so it would be the common type.
        return kind switch
        {
            CarrierValueKind.Text => (object?)Text(value),
            CarrierValueKind.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : Convert.ToInt32(value.ValueKind == JsonValueKind.Number ? value.GetDouble() : Text(value), CultureInfo.InvariantCulture),
            CarrierValueKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : bool.Parse(Text(value)),
            CarrierValueKind.DateTime => DateTimeOffset.Parse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => JsonNode.Parse(value.GetRawText()),
        };
    }

    /// <summary>A text value (a validated document's texts are strings).</summary>
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static IEnumerable<KeyValuePair<string, object?>> Changes(Carrier carrier, JsonElement posted)
    {
        foreach (var property in posted.EnumerateObject())
        {
            if (carrier.Property(property.Name) is { } target)
            {
                yield return new(target.Name, Value(target.Kind, property.Value));
            }
        }
    }
}
