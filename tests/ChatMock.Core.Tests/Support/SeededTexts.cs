using System.Text;

namespace ChatMock.Core.Tests.Support;

/// <summary>Seeded texts of ASCII, JSON escapes, control characters, non-Latin letters and emoji, for writer round trips.</summary>
internal sealed class SeededTexts(int seed)
{
    private static readonly char[] Alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '<', '>', '&', '\'', '+', 'æ', 'ø', 'å', 'ß', 'Я', '中', '\u2028', '\u2029', '\ufeff'];

    public Random Random { get; } = new(seed);

    /// <summary>A text of up to 40 characters, one in ten of them a fox emoji (a surrogate pair).</summary>
    public string Next()
    {
        var text = new StringBuilder();
        for (var i = Random.Next(0, 40); i > 0; i--)
        {
            text.Append(Random.Next(10) == 0 ? "🦊" : Alphabet[Random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
