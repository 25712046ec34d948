namespace ChatMock.Protocol;

/// <summary>The media type an answer is written in: JSON or XML, under the name the client asked for.</summary>
internal sealed record ResponseFormat(bool IsXml, string ContentType)
{
    public static readonly ResponseFormat Json = new(false, "application/json; charset=utf-8");

    public static readonly ResponseFormat Xml = new(true, "application/xml; charset=utf-8");
}
