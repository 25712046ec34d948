using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace ChatMock.Answers;

/// <summary>
/// ChatMock's one XML writer, for answers and error envelopes: the way SuperOffice's WebAPI writes a carrier (the
/// type name as the root element, one child element per property, no namespace; null as an empty element with
/// <c>xsi:nil="true"</c>), straight to UTF-8 bytes through one buffer per thread. Text escapes <c>&amp;</c>,
/// <c>&lt;</c>, <c>&gt;</c> and carriage returns (<c>&amp;#xD;</c>, so a reader gets them back); a text XML 1.0
/// cannot carry at all is found first by <see cref="FirstUnwritable"/>.
/// </summary>
internal sealed class XmlBytes
{
    /// <summary>The namespace of <c>xsi:nil</c>.</summary>
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private const int KeptBufferBytes = 64 * 1024;

    private static readonly byte[] Prolog = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    private static readonly byte[] XsiDeclaration = Encoding.UTF8.GetBytes($" xmlns:xsi=\"{XsiNamespace}\"");

    [ThreadStatic]
    private static XmlBytes? t_writer;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private XmlBytes()
    {
    }

    /// <summary>Writes a document: the prolog, <paramref name="root"/> declaring <c>xsi</c>, its content.</summary>
    public static byte[] Document<TState>(string root, TState state, Action<XmlBytes, TState> content)
    {
        var writer = t_writer ??= new XmlBytes();
        var buffer = writer._buffer;
        buffer.ResetWrittenCount();
        buffer.Write(Prolog);
        writer.Ascii("<");
        writer.Ascii(root);
        buffer.Write(XsiDeclaration);
        writer.Ascii(">");
        content(writer, state);
        writer.End(root);
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptBufferBytes)
        {
            t_writer = null;
        }

        return bytes;
    }

    /// <summary>Writes a document whose root is null: <c>&lt;root xsi:nil="true" ... /&gt;</c>.</summary>
    public static byte[] NilDocument(string root) =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><{root} xsi:nil=\"true\" xmlns:xsi=\"{XsiNamespace}\" />");

    /// <summary>The index of the first character XML 1.0 cannot carry (a control character, a lone surrogate), or -1.</summary>
    public static int FirstUnwritable(string text)
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

    /// <summary>Replaces each character XML 1.0 cannot carry with its <c>\uXXXX</c> escape, as the JSON envelope shows it.</summary>
    public static string Escaped(string text)
    {
        if (FirstUnwritable(text) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
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

    /// <summary>Opens an element.</summary>
    public void Start(string name)
    {
        Ascii("<");
        Name(name);
        Ascii(">");
    }

    /// <summary>Closes an element.</summary>
    public void End(string name)
    {
        Ascii("</");
        Name(name);
        Ascii(">");
    }

    /// <summary>An empty element with <c>xsi:nil="true"</c>.</summary>
    public void Nil(string name)
    {
        Ascii("<");
        Name(name);
        Ascii(" xsi:nil=\"true\" />");
    }

    /// <summary>An element holding <paramref name="text"/>, or a nil one for null; the text must be writable.</summary>
    public void Element(string name, string? text)
    {
        if (text is null)
        {
            Nil(name);
            return;
        }

        Start(name);
        Text(text);
        End(name);
    }

    /// <summary>Text inside the open element.</summary>
    public void Text(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny("&<>\r");
            var plain = special < 0 ? rest : rest[..special];
            _buffer.Advance(Encoding.UTF8.GetBytes(plain, _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length))));
            if (special < 0)
            {
                break;
            }

            Ascii(rest[special] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "&#xD;" });
            rest = rest[(special + 1)..];
        }
    }

    // Carrier property names are plain ASCII; a name from a posted nested carrier may be anything, so it is encoded.
    private void Name(string name)
    {
        if (IsPlainName(name))
        {
            Ascii(name);
        }
        else
        {
            var encoded = XmlConvert.EncodeLocalName(name) ?? "_";
            _buffer.Advance(Encoding.UTF8.GetBytes(encoded, _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(encoded.Length))));
        }
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return !name.StartsWith("xml", StringComparison.OrdinalIgnoreCase);
    }

    private void Ascii(string text) => _buffer.Advance(Encoding.ASCII.GetBytes(text, _buffer.GetSpan(text.Length)));
}
