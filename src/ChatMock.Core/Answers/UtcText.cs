namespace ChatMock.Answers;

/// <summary>The server's times in UTC, as answers and the journal write them (DESIGN.md D5).</summary>
internal static class UtcText
{
    /// <summary>
    /// Formats a UTC instant as ISO 8601 with <c>Z</c>, without trailing zero fractions: what the custom format
    /// <c>yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'</c> gives, written digit by digit (it runs once per answer).
    /// </summary>
    public static string Format(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        Span<char> text = stackalloc char[28];
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), utc.Second);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            text[19] = '.';
            Digits(text.Slice(20, 7), fraction);
            length = 27;
            while (text[length - 1] == '0')
            {
                length--;
            }
        }

        text[length++] = 'Z';
        return new string(text[..length]);
    }

    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
