using System.Text;
using ChatMock.Contracts;
using ChatMock.Engine;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Bodies;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body into the same document a JSON body gives. Nested
/// properties are written with a dot or brackets, as ASP.NET model binding takes them:
/// <c>ChatSessionId=403&amp;Message.Type=ToCustomer&amp;Message[Author]=Kari</c>. An empty <c>Message=</c> is null.
/// </summary>
internal static class FormBodyReader
{
    public static bool TryRead(ReadOnlySpan<byte> body, JsonSchema schema, out JToken? document, out ContractViolation? violation)
    {
        document = null;
        violation = null;
        var root = TextNode.Object();
        // WebUtilities splits and decodes the fields in one linear pass. QueryStringEnumerable rather than FormReader:
        // FormReader drops a name sent without '=', which ChatMock reads as an empty value (and checks, like any field).
        foreach (var pair in new QueryStringEnumerable(Encoding.UTF8.GetString(body)))
        {
            var key = pair.DecodeName().ToString();
            var value = pair.DecodeValue().ToString();
            var path = key.Replace("]", string.Empty, StringComparison.Ordinal).Split(['.', '['], StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0)
            {
                continue;
            }

            // The fields become a tree that is typed recursively: a name nested a million levels deep would
            // overflow the stack and end the process, so nesting stops where JSON's does.
            if (path.Length > JsonBodyReader.MaxDepth)
            {
                violation = new ContractViolation(
                    "/" + string.Join('/', path.Take(JsonBodyReader.MaxDepth + 1).Select(ContractValidator.EscapePointer)),
                    $"The field name nests more than {JsonBodyReader.MaxDepth} levels deep; ChatMock reads at most {JsonBodyReader.MaxDepth}, as for JSON.");
                return false;
            }

            if (!TryAdd(root, path, value, out var problem))
            {
                violation = new ContractViolation("/" + string.Join('/', path.Select(ContractValidator.EscapePointer)), problem!);
                return false;
            }
        }

        if (root.Children!.Count == 0)
        {
            violation = new ContractViolation(string.Empty, "The form body has no fields; expected e.g. ChatSessionId=403&Message.Type=ToCustomer&Message.Message=Hello.");
            return false;
        }

        document = TextNodeTyping.ToJson(root, schema);
        return true;
    }

    private static bool TryAdd(TextNode node, string[] path, string value, out string? problem)
    {
        problem = null;
        for (var i = 0; i < path.Length; i++)
        {
            var name = path[i];
            var existing = node.Find(name);
            var last = i == path.Length - 1;
            if (last)
            {
                if (existing is not null)
                {
                    problem = "The field appears more than once; send each property once.";
                    return false;
                }

                if (node.Children!.Count == JsonBodyReader.MaxProperties)
                {
                    problem = JsonBodyReader.TooManyProperties(string.Empty, "fields").Message;
                    return false;
                }

                node.Add(name, TextNode.Value(value));
                return true;
            }

            if (existing is null)
            {
                if (node.Children!.Count == JsonBodyReader.MaxProperties)
                {
                    problem = JsonBodyReader.TooManyProperties(string.Empty, "fields").Message;
                    return false;
                }

                var child = TextNode.Object();
                node.Add(name, child);
                node = child;
            }
            else if (existing.Children is null)
            {
                problem = "The field is given both as a value and as an object; send one.";
                return false;
            }
            else
            {
                node = existing;
            }
        }

        return true;
    }
}
