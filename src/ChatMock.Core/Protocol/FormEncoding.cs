namespace ChatMock.Protocol;

/// <summary>Decodes the names and values of query strings and form bodies (<c>application/x-www-form-urlencoded</c>).</summary>
internal static class FormEncoding
{
    /// <summary>Decodes <c>+</c> as a space and <c>%XX</c> escapes; text with a broken escape is kept as sent.</summary>
    public static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
