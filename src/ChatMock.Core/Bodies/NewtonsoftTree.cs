using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Bodies;

/// <summary>
/// The engine reads a body as a System.Text.Json document; NJsonSchema validates Newtonsoft's tree. This turns one
/// into the other: a document into the tree for the bodies the fast path cannot vouch for (and for the admin API's
/// seeds), and a tree into a document for XML and form bodies (typed into a tree by their schema) and for bodies
/// the validator renamed properties of.
/// </summary>
internal static class NewtonsoftTree
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonBodyReader.DocumentDepth };

    /// <summary>
    /// The tree of a document, as Newtonsoft reads its text with <see cref="FloatParseHandling.Double"/> and no
    /// dates: integers as <see cref="long"/> or <see cref="BigInteger"/>, other numbers as <see cref="double"/>.
    /// </summary>
    public static JToken From(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj.Add(property.Name, From(property.Value));
                }

                return obj;

            case JsonValueKind.Array:
                var array = new JArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(From(item));
                }

                return array;

            case JsonValueKind.String:
                return new JValue(element.GetString());

            case JsonValueKind.Number:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
                {
                    return new JValue(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
                }

                return element.TryGetInt64(out var number) ? new JValue(number) : new JValue(BigInteger.Parse(Encoding.UTF8.GetString(raw), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));

            case JsonValueKind.True:
                return new JValue(true);

            case JsonValueKind.False:
                return new JValue(false);

            default:
                return JValue.CreateNull();
        }
    }

    /// <summary>
    /// The document of a tree. Numbers keep Newtonsoft's text (<c>1.0</c> stays a float); a float JSON has no text
    /// for (1e400 read as infinity) is written as Newtonsoft names it, in a string.
    /// </summary>
    public static JsonElement ToElement(JToken token) => JsonElement.Parse(ToJson(token), DocumentOptions);

    /// <summary>The document of a tree, as <see cref="ToElement"/>, for a caller that disposes it.</summary>
    public static JsonDocument ToDocument(JToken token) => JsonDocument.Parse(ToJson(token), DocumentOptions);

    private static byte[] ToJson(JToken token) => JsonBytes.Write(token, Write);

    private static void Write(Utf8JsonWriter writer, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;

            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;

            case JValue { Value: string text }:
                writer.WriteStringValue(text);
                break;

            case JValue { Value: bool flag }:
                writer.WriteBooleanValue(flag);
                break;

            case JValue { Value: null }:
                writer.WriteNullValue();
                break;

            case JValue { Value: long number }:
                writer.WriteNumberValue(number);
                break;

            case JValue { Value: double number } when !double.IsFinite(number):
                writer.WriteStringValue(JsonConvert.ToString(number));
                break;

            default:
                // Other numbers (BigInteger, double) as Newtonsoft writes them, and anything else as its JSON.
                writer.WriteRawValue(token.ToString(Formatting.None), skipInputValidation: true);
                break;
        }
    }
}
