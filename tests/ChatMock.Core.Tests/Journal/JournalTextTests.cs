using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Journal;

namespace ChatMock.Core.Tests.Journal;

/// <summary>The journal's own string escaping must read back as what Utf8JsonWriter's encoder writes.</summary>
public sealed class JournalTextTests
{
    [Test]
    public void WriteValue_Gives_The_Strings_The_Writer_Gives_For_Every_Kind_Of_Text()
    {
        // Arrange: 5,000 seeded texts, short and long, of every kind of character, lone surrogates among them
        var random = new Random(61206);
        string[] pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "<", ">", "&", "'", "+", "æ", "ø", "Я", "中", "\u2028", "\ufeff", "🦊", "\ud800", "\udfff"];
        var texts = Enumerable.Range(0, 5_000).Select(i =>
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, i % 10 == 0 ? 2_000 : 60); n > 0; n--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            return text.ToString();
        }).ToList();

        // Act
        var escaped = ReadStrings(writer => texts.ForEach(text => JournalText.WriteValue(writer, text)));
        var plain = ReadStrings(writer => texts.ForEach(writer.WriteStringValue));

        // Assert
        Assert.That(escaped, Is.EqualTo(plain));
    }

    [Test]
    public void WriteValue_Escapes_Only_What_Json_Requires()
    {
        // Arrange
        var text = "say \"hi\"\\\n\u0001 ø <b> 🦊";

        // Act
        var json = Json(writer => JournalText.WriteValue(writer, text));

        // Assert
        Assert.That(json, Is.EqualTo("[\"say \\\"hi\\\"\\\\\\n\\u0001 ø <b> 🦊\"]"));
    }

    private static List<string?> ReadStrings(Action<Utf8JsonWriter> write)
    {
        using var document = JsonDocument.Parse(Json(write));
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString())];
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.WriterOptions))
        {
            writer.WriteStartArray();
            write(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
