using System.Globalization;
using ChatMock.Contracts;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Bodies;

/// <summary>
/// Turns an untyped body (XML, form fields) into the JSON document the schema validates, giving each text the type
/// its property has in the schema: <c>403</c> becomes a number where an integer is expected and stays a string
/// elsewhere. Text that does not fit stays text, so the schema reports it as it would for JSON.
/// </summary>
internal static class TextNodeTyping
{
    public static JToken ToJson(TextNode node, JsonSchema? schema)
    {
        if (node.IsNull)
        {
            return JValue.CreateNull();
        }

        var objectSchema = SchemaShapes.ObjectSchemaOf(schema);
        if (node.Children is { } children)
        {
            var obj = new JObject();
            foreach (var (name, child) in children)
            {
                obj.Add(name, ToJson(child, SchemaShapes.PropertyOf(objectSchema, name)));
            }

            return obj;
        }

        var text = node.Text ?? string.Empty;
        if (text.Length == 0 && objectSchema is not null && schema is not null && !schema.ActualSchema.Type.HasFlag(JsonObjectType.String))
        {
            // <Message/> or Message= : no message, as null.
            return JValue.CreateNull();
        }

        if (SchemaShapes.IsInteger(schema) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        // XML and form text of a boolean, as XML Schema and .NET spell it: true, false, 1, 0 (in any casing for the words).
        if (SchemaShapes.IsBoolean(schema) && ParseBoolean(text) is { } flag)
        {
            return new JValue(flag);
        }

        return new JValue(text);
    }

    private static bool? ParseBoolean(string text) => text.Trim() switch
    {
        "1" => true,
        "0" => false,
        var word when bool.TryParse(word, out var flag) => flag,
        _ => null,
    };
}
