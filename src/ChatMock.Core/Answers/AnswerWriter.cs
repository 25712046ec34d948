using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Carriers;
using ChatMock.Engine;
using ChatMock.Protocol;

namespace ChatMock.Answers;

/// <summary>How an answer is written: <c>$select</c>'s properties to keep (null: all) and the caller's time zone.</summary>
/// <param name="Keep">The canonical names of the properties to keep, or null for all.</param>
/// <param name="TimeZone">The <c>SO-TimeZone</c> of the call, or null for UTC.</param>
internal readonly record struct AnswerStyle(HashSet<string>? Keep, SuperOfficeTimeZone? TimeZone)
{
    /// <summary>A date-time as the answer writes it: in the caller's time zone, else UTC with <c>Z</c>.</summary>
    public string Format(DateTimeOffset instant) => TimeZone?.Format(instant) ?? UtcText.Format(instant);
}

/// <summary>
/// Writes successful answers from the carriers' one description (<see cref="Carrier"/>): an entity, an array of
/// entities (XML: <c>ArrayOf&lt;Type&gt;</c>, as WebAPI writes lists), a bare value or null, as JSON or XML.
/// </summary>
internal static class AnswerWriter
{
    /// <summary>Writes a carrier, a list of carriers, a string, a boolean or null as JSON.</summary>
    public static byte[] Json(Carrier? carrier, object? value, AnswerStyle style) =>
        JsonBytes.Write((carrier, value, style), static (writer, answer) =>
        {
            switch (answer.value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case IReadOnlyList<object> list:
                    writer.WriteStartArray();
                    for (var i = 0; i < list.Count; i++)
                    {
                        WriteEntity(writer, answer.carrier!, list[i]!, answer.style);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    WriteEntity(writer, answer.carrier!, answer.value, answer.style);
                    break;
            }
        });

    /// <summary>Writes the same as XML; the texts must be writable (<see cref="Unwritable"/>).</summary>
    public static byte[] Xml(Carrier? carrier, object? value, AnswerStyle style) => value switch
    {
        null => XmlBytes.NilDocument(carrier?.Name ?? "anyType"),
        string text => XmlBytes.Document("string", text, static (xml, text) => xml.Text(text)),
        bool flag => XmlBytes.Document("boolean", flag, static (xml, flag) => xml.Text(flag ? "true" : "false")),
        IReadOnlyList<object> list => XmlBytes.Document("ArrayOf" + carrier!.Name, (carrier, list, style), static (xml, answer) =>
        {
            for (var i = 0; i < answer.list.Count; i++)
            {
                xml.Start(answer.carrier.Name);
                WriteXmlProperties(xml, answer.carrier, answer.list[i]!, answer.style);
                xml.End(answer.carrier.Name);
            }
        }),
        _ => XmlBytes.Document(carrier!.Name, (carrier, value, style), static (xml, answer) => WriteXmlProperties(xml, answer.carrier, answer.value, answer.style)),
    };

    /// <summary>
    /// The first property (a path such as <c>Message</c> or <c>User/Name</c>) whose text XML 1.0 cannot carry, with
    /// that character, or null when the answer can be written as XML.
    /// </summary>
    public static (string Field, int Character)? Unwritable(Carrier? carrier, object? value)
    {
        switch (value)
        {
            case string text:
                return XmlBytes.FirstUnwritable(text) is var at and >= 0 ? ("value", text[at]) : null;
            case IReadOnlyList<object> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (Unwritable(carrier, list[i]) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case null or bool:
                return null;
        }

        foreach (var property in carrier!.Properties)
        {
            var found = property.Get(value) switch
            {
                string text => XmlBytes.FirstUnwritable(text) is var at and >= 0 ? (property.Name, text[at]) : null,
                JsonNode node => UnwritableNode(property.Name, node),
                _ => ((string, int)?)null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Writes one carrier as a JSON object into <paramref name="writer"/>.</summary>
    internal static void WriteEntity(Utf8JsonWriter writer, Carrier carrier, object value, AnswerStyle style)
    {
        if (style.Keep is null && carrier.WritesAsModelled)
        {
            JsonSerializer.Serialize(writer, value, carrier.TypeInfo);
            return;
        }

        WriteProperties(writer, carrier, value, style);
    }

    /// <summary>Writes one carrier as a JSON object, property by property: what <see cref="WriteEntity"/> does where the model's own writing would differ.</summary>
    internal static void WriteProperties(Utf8JsonWriter writer, Carrier carrier, object value, AnswerStyle style)
    {
        writer.WriteStartObject();
        var properties = carrier.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var name = property.Name;
            if (style.Keep is { } keep && !keep.Contains(name))
            {
                writer.WriteNull(name);
                continue;
            }

            switch (property.Get(value))
            {
                case null:
                    writer.WriteNull(name);
                    break;
                case string text:
                    writer.WriteString(name, text);
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                case DateTimeOffset instant:
                    writer.WriteString(name, style.Format(instant));
                    break;
                case JsonNode node:
                    writer.WritePropertyName(name);
                    node.WriteTo(writer);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteXmlProperties(XmlBytes xml, Carrier carrier, object value, AnswerStyle style)
    {
        var properties = carrier.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var name = property.Name;
            var item = style.Keep is { } keep && !keep.Contains(name) ? null : property.Get(value);
            switch (item)
            {
                case null:
                    xml.Nil(name);
                    break;
                case string text:
                    xml.Element(name, text);
                    break;
                case int number:
                    xml.Element(name, number.ToString(CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    xml.Element(name, flag ? "true" : "false");
                    break;
                case DateTimeOffset instant:
                    xml.Element(name, style.Format(instant));
                    break;
                case JsonNode node:
                    WriteXmlNode(xml, name, node);
                    break;
            }
        }
    }

    /// <summary>A nested carrier kept as posted: an object as one element per property, an array as <c>Item</c> elements.</summary>
    private static void WriteXmlNode(XmlBytes xml, string name, JsonNode? node)
    {
        switch (node)
        {
            case null:
                xml.Nil(name);
                break;
            case JsonObject obj:
                xml.Start(name);
                foreach (var (key, child) in obj)
                {
                    WriteXmlNode(xml, key, child);
                }

                xml.End(name);
                break;
            case JsonArray array:
                xml.Start(name);
                foreach (var child in array)
                {
                    WriteXmlNode(xml, "Item", child);
                }

                xml.End(name);
                break;
            default:
                var element = node.AsValue().GetValueKind() switch
                {
                    JsonValueKind.String => node.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => node.ToJsonString(),
                };
                xml.Element(name, element);
                break;
        }
    }

    private static (string, int)? UnwritableNode(string path, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (XmlBytes.FirstUnwritable(key) is var at and >= 0)
                    {
                        return (path + "/" + key, key[at]);
                    }

                    if (UnwritableNode(path + "/" + key, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (UnwritableNode(path + "/" + i.ToString(CultureInfo.InvariantCulture), array[i]) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return XmlBytes.FirstUnwritable(text) is var index and >= 0 ? (path, text[index]) : null;
            default:
                return null;
        }
    }
}
