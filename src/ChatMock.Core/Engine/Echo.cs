using System.Text;

namespace ChatMock.Engine;

/// <summary>
/// What an error answer or a log line quotes of the request: at most a hundred characters, control characters
/// written as <c>\u001b</c>, so that a hostile value neither swells an answer nor reaches a terminal raw.
/// </summary>
internal static class Echo
{
    public const int MaxLength = 100;

    public static string Of(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var cut = value.Length > maxLength;
        var shown = cut ? value.AsSpan(0, maxLength) : value.AsSpan();
        if (!cut && !ContainsControl(shown))
        {
            return value;
        }

        var builder = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    private static bool ContainsControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
