using System.Globalization;
using System.Text;
using System.Xml;

namespace ChatMock.Messages;

/// <summary>
/// Writes answers as XML the way SuperOffice's WebAPI does: the carrier's type name as the root element, one child
/// element per property, no namespace; a null value is an empty element with <c>xsi:nil="true"</c>.
/// </summary>
internal static class ChatMessageXml
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,
    };

    public static byte[] Write(ChatMessage message) => WriteDocument("ChatMessage", writer =>
    {
        Element(writer, "ChatMessageId", message.ChatMessageId);
        Element(writer, "ChatSessionId", message.ChatSessionId);
        Element(writer, "Type", message.Type);
        Element(writer, "Message", message.Message);
        Element(writer, "Author", message.Author);
        Element(writer, "ReadByCustomer", message.ReadByCustomer);
        Element(writer, "SpecialType", message.SpecialType);
        Element(writer, "SpecialParam", message.SpecialParam);
        Element(writer, "WhenPosted", message.WhenPosted);
    });

    /// <summary>
    /// Returns the name of the first field XML 1.0 cannot carry (it holds a control character or a lone
    /// surrogate), with that character, or null when the message can be written as XML.
    /// </summary>
    public static (string Field, int Character)? Unwritable(ChatMessage message)
    {
        foreach (var (field, value) in new[]
        {
            ("Type", message.Type), ("Message", message.Message), ("Author", message.Author),
            ("SpecialType", message.SpecialType), ("SpecialParam", message.SpecialParam), ("WhenPosted", message.WhenPosted),
        })
        {
            if (value is not null && FirstUnwritable(value) is var at and >= 0)
            {
                return (field, value[at]);
            }
        }

        return null;
    }

    /// <summary>Replaces each character XML 1.0 cannot carry with its <c>\uXXXX</c> escape, as the JSON envelope shows it.</summary>
    public static string Escaped(string text)
    {
        var at = FirstUnwritable(text);
        if (at < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        escaped.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                escaped.Append(text[i]);
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
        }

        return escaped.ToString();
    }

    private static int FirstUnwritable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }

    public static byte[] WriteDocument(string root, Action<XmlWriter> writeContent)
    {
        using var stream = new MemoryStream(512);
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root);
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writeContent(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static void Element(XmlWriter writer, string name, string? value)
    {
        writer.WriteStartElement(name);
        if (value is null)
        {
            writer.WriteAttributeString("nil", XsiNamespace, "true");
        }
        else
        {
            writer.WriteString(value);
        }

        writer.WriteEndElement();
    }

    private static void Element(XmlWriter writer, string name, int? value) =>
        Element(writer, name, value?.ToString(CultureInfo.InvariantCulture));
}
