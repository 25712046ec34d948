using System.Buffers;
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

    private const int KeptBufferBytes = 64 * 1024;

    private static readonly byte[] Prolog = Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><ChatMessage xmlns:xsi=\"{XsiNamespace}\">");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>
    /// Writes a message. XmlWriter costs some 9 KB of buffers per document, more than the rest of a call together, so
    /// a message whose texts need no more than <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped is written byte by byte,
    /// to exactly what XmlWriter writes (a test compares the two); any other goes through XmlWriter.
    /// </summary>
    public static byte[] Write(ChatMessage message) =>
        IsPlain(message.Type) && IsPlain(message.Message) && IsPlain(message.Author) && IsPlain(message.SpecialType)
            && IsPlain(message.SpecialParam) && IsPlain(message.WhenPosted)
            ? WritePlain(message)
            : WriteWithXmlWriter(message);

    internal static byte[] WriteWithXmlWriter(ChatMessage message) => WriteDocument("ChatMessage", writer =>
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

    /// <summary>Whether XmlWriter writes the text with no more than <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</summary>
    private static bool IsPlain(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (c is '\r' or '\n' or '\t' || !XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] WritePlain(ChatMessage message)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        buffer.Write(Prolog);
        PlainElement(buffer, "ChatMessageId", message.ChatMessageId?.ToString(CultureInfo.InvariantCulture));
        PlainElement(buffer, "ChatSessionId", message.ChatSessionId?.ToString(CultureInfo.InvariantCulture));
        PlainElement(buffer, "Type", message.Type);
        PlainElement(buffer, "Message", message.Message);
        PlainElement(buffer, "Author", message.Author);
        PlainElement(buffer, "ReadByCustomer", message.ReadByCustomer?.ToString(CultureInfo.InvariantCulture));
        PlainElement(buffer, "SpecialType", message.SpecialType);
        PlainElement(buffer, "SpecialParam", message.SpecialParam);
        PlainElement(buffer, "WhenPosted", message.WhenPosted);
        Ascii(buffer, "</ChatMessage>");
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptBufferBytes)
        {
            t_buffer = null;
        }

        return bytes;
    }

    private static void PlainElement(ArrayBufferWriter<byte> buffer, string name, string? value)
    {
        Ascii(buffer, "<");
        Ascii(buffer, name);
        if (value is null)
        {
            Ascii(buffer, " xsi:nil=\"true\" />");
            return;
        }

        Ascii(buffer, ">");
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny('&', '<', '>');
            var plain = special < 0 ? rest : rest[..special];
            var written = Encoding.UTF8.GetBytes(plain, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length)));
            buffer.Advance(written);
            if (special < 0)
            {
                break;
            }

            Ascii(buffer, rest[special] switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            rest = rest[(special + 1)..];
        }

        Ascii(buffer, "</");
        Ascii(buffer, name);
        Ascii(buffer, ">");
    }

    private static void Ascii(ArrayBufferWriter<byte> buffer, string text)
    {
        var written = Encoding.ASCII.GetBytes(text, buffer.GetSpan(text.Length));
        buffer.Advance(written);
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
