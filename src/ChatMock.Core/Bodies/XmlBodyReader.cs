using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using ChatMock.Contracts;
using ChatMock.Engine;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Bodies;

/// <summary>
/// Reads an XML request body into the same document a JSON body gives. Layout: any root element (e.g.
/// <c>&lt;AddChatMessage&gt;</c>), one child element per property, <c>&lt;Message&gt;</c> holding one element per
/// ChatMessage property; <c>xsi:nil="true"</c> (or <c>nil="true"</c>), or an empty element where an object is expected, is null; namespaces are ignored. DTDs are
/// prohibited, so no external entity is ever fetched and no entity is expanded.
/// </summary>
internal static class XmlBodyReader
{
    public static bool TryRead(ReadOnlyMemory<byte> body, JsonSchema schema, out JToken? document, out ContractViolation? violation)
    {
        document = null;
        violation = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = body.Length + 1024L,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };

        try
        {
            using var stream = MemoryMarshal.TryGetArray(body, out var bytes)
                ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            var root = ReadElement(reader, out var duplicate);
            if (duplicate is not null)
            {
                violation = new ContractViolation(duplicate, "The element appears more than once in the same parent; send each property once.");
                return false;
            }

            if (root.Children is null)
            {
                violation = new ContractViolation(string.Empty, "The XML body has no property elements; expected e.g. <AddChatMessage><ChatSessionId>403</ChatSessionId></AddChatMessage>.");
                return false;
            }

            document = TextNodeTyping.ToJson(root, schema);
            return true;
        }
        catch (TooDeepException ex)
        {
            violation = new ContractViolation(ex.Pointer, $"The XML body nests elements more than {JsonBodyReader.MaxDepth} levels deep; ChatMock reads at most {JsonBodyReader.MaxDepth}, as for JSON.");
            return false;
        }
        catch (TooManyElementsException ex)
        {
            violation = JsonBodyReader.TooManyProperties(ex.Pointer, "elements");
            return false;
        }
        catch (XmlException ex)
        {
            violation = new ContractViolation(string.Empty, "The request body is not valid XML: " + ex.Message);
            return false;
        }
        catch (DecoderFallbackException ex)
        {
            violation = new ContractViolation(string.Empty, "The request body is not valid XML: " + ex.Message);
            return false;
        }
    }

    /// <summary>Reads the element the reader is on, and everything in it, leaving the reader after its end.</summary>
    private static TextNode ReadElement(XmlReader reader, out string? duplicate, string pointer = "")
    {
        duplicate = null;

        // The tree is read recursively: a body of a million nested elements would overflow the stack and end the
        // process, so nesting stops where JSON's does.
        if (reader.Depth > JsonBodyReader.MaxDepth)
        {
            throw new TooDeepException(pointer);
        }

        if (IsNil(reader))
        {
            reader.Skip();
            return TextNode.Null;
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return TextNode.Value(string.Empty);
        }

        var depth = reader.Depth;
        reader.Read();
        // Mostly one text node per element: a builder only for the rare element whose text comes in pieces.
        string? text = null;
        StringBuilder? pieces = null;
        TextNode? node = null;
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                node ??= TextNode.Object();
                var name = reader.LocalName;
                var childPointer = pointer + "/" + ContractValidator.EscapePointer(name);
                if (node.Children!.Count == JsonBodyReader.MaxProperties)
                {
                    throw new TooManyElementsException(pointer);
                }

                if (node.Find(name) is not null)
                {
                    duplicate ??= childPointer;
                }

                var child = ReadElement(reader, out var innerDuplicate, childPointer);
                duplicate ??= innerDuplicate;
                node.Add(name, child);
                continue;
            }

            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                if (text is null)
                {
                    text = reader.Value;
                }
                else
                {
                    (pieces ??= new StringBuilder(text)).Append(reader.Value);
                }
            }

            reader.Read();
        }

        reader.Read();
        return node ?? TextNode.Value(pieces?.ToString() ?? text ?? string.Empty);
    }

    private static bool IsNil(XmlReader reader)
    {
        if (!reader.HasAttributes)
        {
            return false;
        }

        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "nil" && reader.Value.Trim() is "true" or "1")
            {
                reader.MoveToElement();
                return true;
            }
        }

        reader.MoveToElement();
        return false;
    }

    private sealed class TooManyElementsException(string pointer) : Exception
    {
        public string Pointer { get; } = pointer;
    }

    private sealed class TooDeepException(string pointer) : Exception
    {
        public string Pointer { get; } = pointer;
    }
}
