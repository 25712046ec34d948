using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChatMock.Contracts;

/// <summary>The validator's walk over the body: documented casing, and stand-ins for integers beyond 64 bits.</summary>
internal sealed partial class ContractValidator
{
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
}
