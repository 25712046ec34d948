using System.Text;
using ChatMock.Engine;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>
/// Makes requests for the HTTP fuzz test (ChatMock.Server.Tests/Robustness/HostFuzzTests) that must each be refused with a 4xx and the error envelope: broken JSON, wrong types, numbers out
/// of range, deep nesting, invalid UTF-8, over-long strings, duplicate properties, XML bombs and external entities,
/// wrong content types and absurd headers. Seeded: the same seed gives the same requests.
/// </summary>
internal sealed class BadInputGenerator(int seed)
{
    private static readonly string[] ValidBodies =
    [
        """{"ChatSessionId": 403, "Message": null}""",
        """{"ChatSessionId": 517, "Message": {"Type": "ToUser", "Message": "Hei, hvor er pakken min?", "Author": "Kari Nordmann", "ReadByCustomer": 1, "SpecialType": "None", "SpecialParam": ""}}""",
        """{"ChatSessionId": 9, "Message": {"Type": "Special", "SpecialType": "Options", "SpecialParam": "[\"Track my order\",\"Talk to a person\"]"}}""",
    ];

    private static readonly string[] Properties = ["ChatSessionId", "Message", "Type", "Author", "ReadByCustomer", "SpecialType", "SpecialParam", "WhenPosted", "ChatMessageId"];

    private static readonly string[] WrongValues =
    [
        "\"abc\"", "\"\"", "true", "false", "[]", "[1,2]", "{}", "1.5", "-0.25", "1e400", "-1e400", "99999999999999999999999999999",
        "-99999999999999999999999999999", "2147483648", "-2147483649", "\"2147483647\"", "\"\\u0000\"", "\"\\ud800\"",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/octet-stream", "multipart/form-data; boundary=x", "image/png", "application/jsonx",
        "json", "application/", "/json", ";;;", "application/json-seq", "text/html; charset=utf-8", "application/yaml",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The kinds of bad input, each a way to break a request.</summary>
    public string[] Kinds { get; } =
    [
        "truncated JSON", "mutated JSON", "wrong type", "number out of range", "deep nesting", "invalid UTF-8", "over-long string",
        "duplicate property", "XML bomb or entity", "broken XML", "wrong content type", "absurd Accept", "absurd SO-TimeZone",
        "absurd Authorization", "absurd Prefer", "body too large", "not an object",
    ];

    public (string Kind, ChatMockRequest Request) Next()
    {
        var kind = Kinds[_random.Next(Kinds.Length)];
        return (kind, kind switch
        {
            "truncated JSON" => Json(Truncated()),
            "mutated JSON" => Json(Mutated()),
            "wrong type" => Json(WrongType()),
            "number out of range" => Json($$"""{"ChatSessionId": {{Pick(["2147483648", "-2147483649", "9223372036854775808", "1e40", "123456789012345678901234567890"])}}}"""),
            "deep nesting" => Json(DeepNesting()),
            "invalid UTF-8" => Json(InvalidUtf8()),
            "over-long string" => Json("{\"ChatSessionId\": 1, \"Message\": {\"" + Pick(["Author", "SpecialParam"]) + "\": \"" + new string('x', _random.Next(256, 50_000)) + "\"}}"),
            "duplicate property" => Json(Duplicate()),
            "XML bomb or entity" => Xml(XmlAttack()),
            "broken XML" => Xml(BrokenXml()),
            "wrong content type" => Request(Encoding.UTF8.GetBytes(Pick(ValidBodies)), Pick(WrongContentTypes)),
            "absurd Accept" => Json(Pick(ValidBodies), ("Accept", Pick(["text/html", "image/*", "application/pdf;q=1", "*/*;q=0", "application/json;q=0, text/plain", "\u00e6\u00f8\u00e5/x", new string('a', 5000) + "/json"]))),
            "absurd SO-TimeZone" => Json(Pick(ValidBodies), ("SO-TimeZone", Pick(["CET", "Mars/Olympus", "-1", "99999999999", "NO,NO,NO", "NO, includeTZOffset, x", " , ", new string('Z', 3000)]))),
            "absurd Authorization" => Json(Pick(ValidBodies), ("Authorization", Pick(["Basic", "Basic ===", "Basic bm9jb2xvbg==", "Negotiate abc", "Bearer", "SoTicket", "xyz", "Basic " + new string('A', 6000), "Basic //79/w=="]))),
            "absurd Prefer" => Json(Pick(ValidBodies), ("Prefer", Pick(["code=418", "code=abc", "code=-1", "delay=-5", "delay=99999999999", "fault=explode", "code=200", "code=", "delay=1e9"]))),
            "body too large" => Json("{\"ChatSessionId\": 1, \"Message\": {\"Message\": \"" + new string('y', 1_048_577) + "\"}}"),
            _ => Json(Pick(["[]", "[{\"ChatSessionId\": 1}]", "\"text\"", "42", "null", "true", "{}", "{\"Message\": null}"])),
        });
    }

    private string Truncated()
    {
        var body = Pick(ValidBodies);
        return body[.._random.Next(0, body.Length - 1)];
    }

    /// <summary>Breaks a valid body by changing characters of its structure (never text inside a string).</summary>
    private string Mutated()
    {
        var body = Pick(ValidBodies);
        var structure = StructurePositions(body);
        var chars = body.ToCharArray();
        var replacements = new[] { '#', '\'', ';', '\\', '\u0001', '{', '}', '[', ']' };
        var positions = structure.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3));
        foreach (var at in positions)
        {
            var replacement = replacements[_random.Next(replacements.Length)];
            chars[at] = replacement == body[at] ? '#' : replacement;
        }

        return new string(chars);
    }

    /// <summary>The positions of a JSON text that are not whitespace and not inside a string (its quotes included).</summary>
    private static List<int> StructurePositions(string json)
    {
        var positions = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    positions.Add(i);
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                positions.Add(i);
            }
            else if (!char.IsWhiteSpace(c))
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    private string WrongType()
    {
        var property = Pick(Properties);
        var value = Pick(WrongValues);
        return property switch
        {
            "ChatSessionId" => $$"""{"ChatSessionId": {{Pick(WrongValues.Where(v => v != "2147483647").ToArray())}}}""",
            "Message" => $$"""{"ChatSessionId": 1, "Message": {{Pick(["\"hello\"", "1", "[]", "true", "[{}]"])}}}""",
            "Type" or "SpecialType" => $$$"""{"ChatSessionId": 1, "Message": {"{{{property}}}": {{{Pick(["\"Foo\"", "1", "null", "\"tocustomer\"", "\"\"", "[]", "{}"])}}}}}""",
            "WhenPosted" => $$$"""{"ChatSessionId": 1, "Message": {"WhenPosted": {{{Pick(["\"yesterday\"", "0", "null", "\"2026-13-45T99:99:99Z\"", "[]"])}}}}}""",
            _ => $$$"""{"ChatSessionId": 1, "Message": {"{{{property}}}": {{{(property is "Author" or "SpecialParam" ? Pick(["1", "true", "[]", "{}"]) : value)}}}}}""",
        };
    }

    private string DeepNesting()
    {
        var depth = _random.Next(65, 20_000);
        var open = Pick(["[", "{\"a\":"]);
        var close = open == "[" ? "]" : "}";
        return "{\"ChatSessionId\": 1, \"Message\": " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}";
    }

    private byte[] InvalidUtf8()
    {
        byte[][] bad = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x90, 0x28, 0xBC], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80]];
        return [.. "{\"ChatSessionId\": 1, \"Message\": {\"Message\": \""u8, .. Pick(bad), .. "\"}}"u8];
    }

    private string Duplicate() => Pick(
    [
        """{"ChatSessionId": 1, "ChatSessionId": 2}""",
        """{"ChatSessionId": 1, "chatsessionid": 2}""",
        """{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Type": "ToCustomer"}}""",
        """{"ChatSessionId": 1, "Message": {"Author": "a", "AUTHOR": "b"}}""",
    ]);

    private string XmlAttack() => Pick(
    [
        """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r><ChatSessionId>1</ChatSessionId><Message><Message>&c;</Message></Message></r>""",
        """<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><ChatSessionId>&x;</ChatSessionId></r>""",
        """<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/evil">]><r><ChatSessionId>&x;</ChatSessionId></r>""",
        """<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd"><r><ChatSessionId>1</ChatSessionId></r>""",
        """<!DOCTYPE r [<!ELEMENT r ANY>]><r><ChatSessionId>1</ChatSessionId></r>""",
    ]);

    private string BrokenXml() => Pick(
    [
        "<r><ChatSessionId>1</ChatSessionId>",
        "<r><ChatSessionId>abc</ChatSessionId></r>",
        "<r><ChatSessionId>1</ChatSessionId><ChatSessionId>2</ChatSessionId></r>",
        "<r/>",
        "not xml at all",
        "<r><ChatSessionId>1</ChatSessionId><Message><Type>Foo</Type></Message></r>",
        "<r><ChatSessionId>1<ChatSessionId></r>",
        "<?xml version=\"1.0\" encoding=\"utf-16\"?><r><ChatSessionId>1</ChatSessionId></r>",
    ]);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private ChatMockRequest Json(string body, params (string Name, string Value)[] headers) => Json(Encoding.UTF8.GetBytes(body), headers);

    private ChatMockRequest Json(byte[] body, params (string Name, string Value)[] headers) =>
        Request(body, Pick(["application/json", "application/json; charset=utf-8", "text/json"]), headers);

    private ChatMockRequest Xml(string body) => Request(Encoding.UTF8.GetBytes(body), Pick(["application/xml", "text/xml"]));

    private static ChatMockRequest Request(byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var list = new List<KeyValuePair<string, string>> { new("Content-Type", contentType) };
        if (!headers.Any(h => h.Name == "Authorization"))
        {
            list.Add(new("Authorization", "Basic dGplMDpUamUw"));
        }

        list.AddRange(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));
        return new ChatMockRequest { Method = "POST", Path = ChatMockRoutes.AddChatMessage, Headers = list, Body = body };
    }
}
