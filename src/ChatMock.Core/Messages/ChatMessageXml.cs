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
