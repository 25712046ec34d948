using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>One generated request that ChatMock must refuse with a 4xx and its error envelope.</summary>
/// <param name="Kind">What was broken, for the failure message: <c>truncated-json</c>, <c>xml-bomb</c>, ...</param>
/// <param name="ExpectedStatus">The status the request must get, or null when any 4xx will do.</param>
internal sealed record BadRequest(
    string Kind,
    string Method,
    string Path,
    string QueryString,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    int? ExpectedStatus)
{
    /// <summary>Describes the request for a failure message: kind, method, path, headers and the start of the body.</summary>
    public override string ToString()
    {
        var body = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {Shorten(h.Value)}"));
        return $"[{Kind}] {Method} {Path}{Shorten(QueryString)} Content-Type: {ContentType ?? "(none)"}; {headers}; {Body.Length} bytes: {body}";
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}

/// <summary>
/// Makes bad AddChatMessage requests from a seed: truncated and malformed JSON, wrong types, huge and negative
/// numbers, deep nesting, invalid UTF-8, huge strings, duplicate properties, XML bombs and external entities, bad
/// form bodies, wrong content types, absurd Accept, SO-TimeZone, Authorization and Prefer headers, absurd
/// <c>$select</c>, wrong methods and paths. Each is bad for certain (no mutation is kept that a strict JSON parser
/// accepts), so each must get a 4xx. With <c>forHttp</c>, headers stay printable ASCII of sane size, so that
/// HttpClient sends them and Kestrel passes them on.
/// </summary>
internal sealed class BadRequestGenerator
{
    public const string Path = "/api/v1/Agents/Chat/AddChatMessage";

    /// <summary>The environment variable that replays a run: set it to the seed a failure printed.</summary>
    public const string SeedVariable = "CHATMOCK_FUZZ_SEED";

    private const string SampleAuthorization = "Basic dGplMDpUamUw";

    private static readonly string[] ValidBodies =
    [
        """{"ChatSessionId": 403, "Message": null}""",
        """{"ChatSessionId": 517, "Message": {"Type": "ToUser", "Message": "Hei! Jeg får ikke logget inn.", "Author": "Bjørn Ødegård", "ReadByCustomer": 1, "SpecialType": "None"}}""",
        """{"ChatSessionId": 2051, "Message": {"Type": "ToCustomer", "Message": "Hello!", "Author": "Chatbot", "ReadByCustomer": 0, "SpecialType": "Options", "SpecialParam": "[\"Track my order\", \"Talk to a person\"]"}}""",
        """{"ChatSessionId": 7}""",
        """{"ChatSessionId": -12, "Message": {"ChatMessageId": 0, "ChatSessionId": -12, "Type": "Special", "Message": null, "Author": null, "ReadByCustomer": 0, "SpecialType": "Url", "SpecialParam": "https://example.com/track", "WhenPosted": "2026-11-24T09:30:00Z"}}""",
    ];

    private static readonly string[] Int32Fields = ["ChatSessionId", "Message.ChatMessageId", "Message.ChatSessionId", "Message.ReadByCustomer"];

    private static readonly string[] WrongForInt32 =
    [
        "\"403\"", "true", "false", "[]", "{}", "[1]", "1.5", "-0.25", "1e3", "1E-5", "2.0", "\"\"",
        "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "-99999999999999999999999999999999999", "1e400", "-1e400", "1e-400",
    ];

    private static readonly string[] WrongForEnum =
    [
        "\"Outgoing\"", "\"touser\"", "\"\"", "\" ToUser\"", "4", "0", "null", "true", "[]", "{}", "\"None,Url\"",
        "\"To\\u0001User\"", "\"\\u0000\"", "\"\\uFFFE\"", "\"\\u001b[31mred\"",
    ];

    private static readonly string[] WrongForNullableString = ["123", "true", "false", "[]", "{}", "[\"a\"]", "1.5"];

    private static readonly string[] WrongForMessage = ["\"Hi, is anyone there?\"", "403", "[]", "[{}]", "true", "1.5"];

    private static readonly string[] MalformedJson =
    [
        "{", "}", "[", "{\"ChatSessionId\": 403,}", "{\"ChatSessionId\": 403 \"Message\": null}", "{'ChatSessionId': 403}",
        "{ChatSessionId: 403}", "{\"ChatSessionId\": 0403}", "{\"ChatSessionId\": +403}", "{\"ChatSessionId\": .5}",
        "{\"ChatSessionId\": 0x1F}", "{\"ChatSessionId\": NaN}", "{\"ChatSessionId\": Infinity}", "{\"ChatSessionId\": -}",
        "{\"ChatSessionId\": 403} {\"ChatSessionId\": 404}", "{\"ChatSessionId\": 403}}", "// comment\n{\"ChatSessionId\": 403}",
        "{\"ChatSessionId\": 403 /* comment */}", "{\"ChatSessionId\": \"\\x41\"}", "{\"ChatSessionId\": \"\\u12\"}",
        "{\"ChatSessionId\": \"tab\there\"}", "{\"ChatSessionId\": \"line\nbreak\"}", "{\"ChatSessionId\": undefined}",
        "{\"ChatSessionId\": True}", "{\"ChatSessionId\": nul}", "{\"ChatSessionId\" 403}", "{\"ChatSessionId\":: 403}",
        "{,}", "[,]", "\"unterminated", "{\"a\":\"b\"", "\u0000", "\u00ff\u00fe{}", "<AddChatMessage/>", "ChatSessionId=403",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "text/html", "application/octet-stream", "multipart/form-data; boundary=----x", "image/png",
        "application/jsonx", "application/problem+json", "json", "application", "application/", "/json", "text/javascript",
        "application/x-json", "application/vnd.api+json", "text/plain; charset=utf-8", "*/*", "application/*",
    ];

    private static readonly string[] UnacceptableAccepts =
    [
        "text/html", "image/png", "application/pdf", "text/plain", "application/json;q=0", "*/*;q=0",
        "application/json;q=0, application/xml;q=0, text/json;q=0, text/xml;q=0", "application/octet-stream, text/csv",
        "application/json;q=abc", "application/x-yaml", "text/*;q=0, application/*;q=0, */*;q=0",
    ];

    private static readonly string[] BadAuthorizations =
    [
        "Basic !!!not-base64!!!", "Basic dGplMA==", "Basic ", "Basic", "Bearer", "Bearer ", "SoTicket", "Digest username=\"tje0\"",
        "NTLM TlRMTVNTUAABAAAA", "Negotiate abc", "basic", "Token abc", "=", "Basic ====",
        "Basic /////w==",
    ];

    private static readonly string[] BadPrefers =
    [
        "code=999", "code=200", "code=abc", "code=", "code=4000000000", "code=-400", "delay=-1", "delay=abc",
        "delay=600001", "delay=99999999999", "fault=explode", "fault=", "fault=drop-not", "code=500x", "respond-async, code=999",
        "delay=1.5", "code=\"418\"",
    ];

    private static readonly string[] XmlBombs =
    [
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><AddChatMessage><ChatSessionId>1</ChatSessionId><Message><Message>&lol9;</Message></Message></AddChatMessage>""",
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><AddChatMessage><ChatSessionId>1</ChatSessionId><Message><Message>&xxe;</Message></Message></AddChatMessage>""",
        """<?xml version="1.0"?><!DOCTYPE AddChatMessage SYSTEM "http://127.0.0.1:9/evil.dtd"><AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage>""",
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]><AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage>""",
        """<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]><AddChatMessage><ChatSessionId>1</ChatSessionId><Message><Author>&a;&a;&a;</Author></Message></AddChatMessage>""",
        """<?xml version="1.0"?><!DOCTYPE x [<!ELEMENT x ANY>]><AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage>""",
        """<?xml version="1.0"?><?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?><!DOCTYPE x SYSTEM "file:///dev/random"><AddChatMessage/>""",
        """<AddChatMessage xmlns:xi="http://www.w3.org/2001/XInclude"><ChatSessionId>1</ChatSessionId><Message><Message><xi:include href="file:///etc/passwd" parse="text"/></Message></Message></AddChatMessage>""",
    ];

    private static readonly string[] BadXml =
    [
        "", " ", "<", "<AddChatMessage>", "<AddChatMessage><ChatSessionId>1</AddChatMessage>", "<AddChatMessage></AddChatMessage>",
        "<AddChatMessage/>", "<AddChatMessage><ChatSessionId>abc</ChatSessionId></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1</ChatSessionId><ChatSessionId>2</ChatSessionId></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>99999999999</ChatSessionId></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1.5</ChatSessionId></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1</ChatSessionId><Unknown>x</Unknown></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message><Type>Outgoing</Type></Message></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message><ReadByCustomer>yes</ReadByCustomer></Message></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>&#1;</ChatSessionId></AddChatMessage>", "<AddChatMessage><ChatSessionId>1</ChatSessionId>&undefined;</AddChatMessage>",
        "<?xml version=\"1.0\" encoding=\"utf-16\"?><AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage>",
        "<?xml version=\"2.0\"?><AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage>",
        "<a><b></a></b>", "<AddChatMessage><ChatSessionId>1</ChatSessionId></AddChatMessage><Extra/>", "{\"ChatSessionId\": 403}",
        "<AddChatMessage><Message><Message>no session</Message></Message></AddChatMessage>",
        "<AddChatMessage><ChatSessionId>1</ChatSessionId><Message><Author>" + new string('x', 256) + "</Author></Message></AddChatMessage>",
    ];

    private static readonly string[] BadForms =
    [
        "ChatSessionId=abc", "ChatSessionId=1&ChatSessionId=2", "Foo=1", "ChatSessionId=99999999999", "ChatSessionId=1.5",
        "ChatSessionId=1&Message.Type=Outgoing", "ChatSessionId=1&Message=x&Message.Type=ToUser", "ChatSessionId=1&Message.ReadByCustomer=yes",
        "&&&", "=", "Message.Message=hi", "ChatSessionId=1&Unknown=2", "ChatSessionId=%ZZ", "chatsessionid=1&ChatSessionId=2",
        "ChatSessionId=1&Message[Author]=" + new string('a', 300), "ChatSessionId", "ChatSessionId=",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0x80], [0xBF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xF0, 0x9F, 0x98],
    ];

    private readonly Random _random;
    private readonly bool _forHttp;
    private readonly Func<BadRequest>[] _kinds;

    public BadRequestGenerator(int seed, bool forHttp = false)
    {
        _random = new Random(seed);
        _forHttp = forHttp;
        _kinds =
        [
            TruncatedJson, MutatedJson, MalformedTemplate, WrongType, HugeOrNegativeNumber, RootOfWrongType, MissingOrUnknownProperty,
            DeepNesting, InvalidUtf8Body, HugeString, DuplicateProperty, XmlBomb, BadXmlBody, DeepXml, BadFormBody, WrongContentType,
            UnacceptableAccept, BadTimeZone, BadAuthorization, BadPrefer, AbsurdSelectWithBadBody, WrongMethod, WrongPath,
            UnwritableInXml,
        ];
    }

    /// <summary>The seed of this run: <see cref="SeedVariable"/> when set, else a new one (printed by the tests).</summary>
    public static int RunSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    /// <summary>Gets how many kinds of bad request there are; <see cref="Next"/> goes round them in turn.</summary>
    public int KindCount => _kinds.Length;

    private int _turn;

    public BadRequest Next() => _kinds[_turn++ % _kinds.Length]();

    /// <summary>Returns JSON documents that are certainly well-formed, valid or not, for comparing parsers and validators.</summary>
    public string NextWellFormedJson()
    {
        while (true)
        {
            var request = _random.Next(3) switch
            {
                0 => WrongType(),
                1 => HugeOrNegativeNumber(),
                _ => MissingOrUnknownProperty(),
            };
            var text = Encoding.UTF8.GetString(request.Body);
            if (IsStrictJson(request.Body))
            {
                return text;
            }
        }
    }

    private BadRequest TruncatedJson()
    {
        var body = Pick(ValidBodies);
        var cut = _random.Next(body.LastIndexOf('}'));
        return Json("truncated-json", body[..cut]);
    }

    /// <summary>A valid body with a few random edits, kept only when a strict parser rejects it.</summary>
    private BadRequest MutatedJson()
    {
        const string alphabet = "{}[]:,\"\\ \t\n0123456789.-+eEtrufalsn'/*#";
        while (true)
        {
            var text = new StringBuilder(Pick(ValidBodies));
            for (var edits = 1 + _random.Next(3); edits > 0 && text.Length > 0; edits--)
            {
                var at = _random.Next(text.Length);
                switch (_random.Next(3))
                {
                    case 0:
                        text.Insert(at, alphabet[_random.Next(alphabet.Length)]);
                        break;
                    case 1:
                        text.Remove(at, 1);
                        break;
                    default:
                        text[at] = alphabet[_random.Next(alphabet.Length)];
                        break;
                }
            }

            var body = Encoding.UTF8.GetBytes(text.ToString());
            if (!IsStrictJson(body))
            {
                return Request("mutated-json", body);
            }
        }
    }

    private BadRequest MalformedTemplate() => Json("malformed-json", Pick(MalformedJson));

    private BadRequest WrongType()
    {
        var (field, wrong) = _random.Next(4) switch
        {
            0 => (Pick(Int32Fields), Pick(WrongForInt32)),
            1 => (Pick(["Message.Type", "Message.SpecialType"]), Pick(WrongForEnum)),
            2 => (Pick(["Message.Message", "Message.Author", "Message.SpecialParam"]), Pick(WrongForNullableString)),
            _ => _random.Next(2) == 0 ? ("Message", Pick(WrongForMessage)) : ("Message.WhenPosted", Pick(["123", "\"yesterday\"", "true", "null", "\"2026-13-45\"", "{}"])),
        };
        return Json("wrong-type", WithField(field, wrong));
    }

    private BadRequest HugeOrNegativeNumber()
    {
        var digits = 10 + _random.Next(400);
        var huge = (_random.Next(2) == 0 ? "-" : string.Empty) + "9" + new string('7', digits);
        var value = _random.Next(4) switch
        {
            0 => huge,
            1 => (_random.Next(2) == 0 ? "-" : string.Empty) + (2147483649L + _random.Next(int.MaxValue)).ToString(CultureInfo.InvariantCulture),
            2 => $"{(_random.Next(2) == 0 ? "-" : string.Empty)}1e{300 + _random.Next(400)}",
            _ => huge + ".5",
        };
        return Json("huge-number", WithField(Pick(Int32Fields), value));
    }

    private BadRequest RootOfWrongType() => Json("root-type", Pick(["[]", "[{\"ChatSessionId\": 1}]", "\"403\"", "403", "true", "null", "{}", " null ", "0"]));

    private BadRequest MissingOrUnknownProperty() => Json("missing-or-unknown", Pick(
    [
        "{\"Message\": null}",
        "{\"ChatSessionID\": 403, \"chatSessionId\": 404}",
        "{\"ChatSessionId\": 403, \"Sender\": \"Kari\"}",
        "{\"ChatSessionId\": 403, \"Message\": {\"Sender\": \"Kari\"}}",
        "{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToUser\", \"Mesage\": \"typo\"}}",
        "{\"chatSessionId\": 403, \"" + RandomName() + "\": 1}",
        "{\"ChatSessionId\": 403, \"\": 1}",
    ]));

    private BadRequest DeepNesting()
    {
        var depth = _random.Next(4) == 0 ? 1000 + _random.Next(50_000) : 60 + _random.Next(20);
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var text = new StringBuilder("{\"ChatSessionId\": 1, \"Message\": ");
        text.Insert(text.Length, open, depth).Append("null").Insert(text.Length, close, depth).Append('}');
        return Json("deep-nesting", text.ToString());
    }

    private BadRequest InvalidUtf8Body()
    {
        var body = Encoding.UTF8.GetBytes(Pick(ValidBodies));
        var at = _random.Next(body.Length + 1);
        byte[] bad = Pick(InvalidUtf8);
        return Request("invalid-utf8", [.. body.AsSpan(0, at), .. bad, .. body.AsSpan(at)]);
    }

    private BadRequest HugeString()
    {
        var length = _random.Next(3) switch
        {
            0 => 256 + _random.Next(100),
            1 => 1000 + _random.Next(100_000),
            _ => 1_048_577 + _random.Next(100_000),
        };
        var field = Pick(["Message.Author", "Message.SpecialParam", "Unknown", "Message.Type", "ChatSessionId"]);
        var value = "\"" + new string(Pick(['x', 'é', 'ø', '€']), length) + "\"";
        return Json("huge-string", WithField(field, value), expectedStatus: length > 1_048_576 ? 413 : 400);
    }

    private BadRequest DuplicateProperty() => Json("duplicate-property", Pick(
    [
        "{\"ChatSessionId\": 1, \"ChatSessionId\": 2}",
        "{\"ChatSessionId\": 1, \"chatsessionid\": 1}",
        "{\"ChatSessionId\": 1, \"Message\": {\"Type\": \"ToUser\", \"Type\": \"ToUser\"}}",
        "{\"ChatSessionId\": 1, \"Message\": null, \"Message\": null}",
        "{\"ChatSessionId\": 1, \"Message\": {\"Author\": \"a\", \"AUTHOR\": \"b\"}}",
    ]));

    private BadRequest XmlBomb() => Xml("xml-bomb", Pick(XmlBombs));

    private BadRequest BadXmlBody() => Xml("bad-xml", Pick(BadXml));

    private BadRequest DeepXml()
    {
        var depth = _random.Next(2) == 0 ? 70 + _random.Next(30) : 1000 + _random.Next(100_000);
        var text = new StringBuilder("<AddChatMessage><ChatSessionId>1</ChatSessionId><Message>");
        text.Insert(text.Length, "<a>", depth).Insert(text.Length, "</a>", depth).Append("</Message></AddChatMessage>");
        return Xml("deep-xml", text.ToString());
    }

    private BadRequest BadFormBody()
    {
        var form = _random.Next(4) == 0
            ? "ChatSessionId=1&Message." + string.Join('.', Enumerable.Repeat("a", 70 + _random.Next(100_000)))
            : Pick(BadForms);
        return Request("bad-form", Encoding.UTF8.GetBytes(form), contentType: "application/x-www-form-urlencoded");
    }

    private BadRequest WrongContentType() => _random.Next(5) == 0
        ? Request("no-content-type", Encoding.UTF8.GetBytes(Pick(ValidBodies)), contentType: null, expectedStatus: 415)
        : Request("wrong-content-type", Encoding.UTF8.GetBytes(Pick(ValidBodies)), contentType: Pick(WrongContentTypes), expectedStatus: 415);

    private BadRequest UnacceptableAccept()
    {
        var accept = _random.Next(4) == 0 ? string.Join(", ", Enumerable.Range(0, 1 + _random.Next(_forHttp ? 50 : 2000)).Select(_ => "application/x-" + RandomName())) : Pick(UnacceptableAccepts);
        return Request("unacceptable-accept", Encoding.UTF8.GetBytes(Pick(ValidBodies)), headers: [new("Accept", accept)], expectedStatus: 406);
    }

    private BadRequest BadTimeZone()
    {
        var zone = _random.Next(3) switch
        {
            0 => "X" + RandomName(),
            1 => Pick([",", " , ", "NO, includeTZOffset, again", "NO, sometimes", "999999", "-1", "0", "4294967296", "Europe/Oslo", "UTC+1", "NO;includeTZOffset", "US-XX"]),
            _ => new string('Z', 1 + _random.Next(_forHttp ? 4000 : 100_000)),
        };
        return Request("bad-time-zone", Encoding.UTF8.GetBytes(Pick(ValidBodies)), headers: [new("SO-TimeZone", zone)], expectedStatus: 400);
    }

    private BadRequest BadAuthorization()
    {
        if (_random.Next(5) == 0)
        {
            return Request("no-credentials", Encoding.UTF8.GetBytes(Pick(ValidBodies)), authorization: null, expectedStatus: 401);
        }

        var value = _random.Next(4) == 0 ? "Basic " + new string('A', 1 + _random.Next(_forHttp ? 4000 : 100_000)) + "!" : Pick(BadAuthorizations);
        return Request("bad-authorization", Encoding.UTF8.GetBytes(Pick(ValidBodies)), authorization: value, expectedStatus: 401);
    }

    private BadRequest BadPrefer() =>
        Request("bad-prefer", Encoding.UTF8.GetBytes(Pick(ValidBodies)), headers: [new("Prefer", Pick(BadPrefers))], expectedStatus: 400);

    /// <summary>An absurd <c>$select</c> never makes a call fail by itself (unknown names are warnings), so it rides on a bad body.</summary>
    private BadRequest AbsurdSelectWithBadBody()
    {
        var bad = _random.Next(2) == 0 ? TruncatedJson() : WrongType();
        return bad with { Kind = "absurd-select+" + bad.Kind, QueryString = "?" + AbsurdSelect() };
    }

    public string AbsurdSelect() => _random.Next(6) switch
    {
        0 => "$select=" + string.Join(',', Enumerable.Range(0, 1 + _random.Next(_forHttp ? 200 : 5000)).Select(_ => RandomName())),
        1 => "$select=" + new string(',', 1 + _random.Next(_forHttp ? 1000 : 10_000)),
        2 => "%24select=%ZZ%" + RandomName(),
        3 => "$select=Message/Text/../../..&$select=&$select=" + Uri.EscapeDataString("\u00e9\u00f8\u20ac\ud83d\ude00"),
        4 => "$select=" + Uri.EscapeDataString(new string('\u00e5', 1 + _random.Next(_forHttp ? 300 : 3000))),
        _ => "$select=ChatMessageId,,,chatmessageid,%20Message%20,WhenPosted/Date&foo=bar&&=&$select",
    };

    /// <summary>A valid message with a character XML 1.0 cannot carry, asked for in XML: 406, not a broken answer.</summary>
    private BadRequest UnwritableInXml()
    {
        var character = Pick(["\\u0001", "\\u0000", "\\u001f", "\\uFFFF", "\\uFFFE"]);
        var field = Pick(["Message", "Author", "SpecialParam"]);
        var body = $"{{\"ChatSessionId\": 1, \"Message\": {{\"Type\": \"ToUser\", \"{field}\": \"a{character}b\"}}}}";
        return Request("unwritable-in-xml", Encoding.UTF8.GetBytes(body), headers: [new("Accept", "application/xml")], expectedStatus: 406);
    }

    private BadRequest WrongMethod() =>
        Request("wrong-method", Encoding.UTF8.GetBytes(Pick(ValidBodies)), method: Pick(["PUT", "DELETE", "PATCH"]), expectedStatus: 405);

    private BadRequest WrongPath() => Request(
        "wrong-path",
        Encoding.UTF8.GetBytes(Pick(ValidBodies)),
        path: Pick(["/", "/api/v1/Agents/Chat/AddChatMessages", "/api/v1/Agents/Chat", "/api/v1/Agents/Chat/AddChatMessage/extra", "/api/v2/Agents/Chat/AddChatMessage", "/" + RandomName()]),
        expectedStatus: 404);

    /// <summary>Sets one field of a body (a path like <c>Message.Type</c>) to the given JSON text; the rest is valid.</summary>
    private static string WithField(string field, string json)
    {
        if (!field.StartsWith("Message.", StringComparison.Ordinal))
        {
            return field == "ChatSessionId"
                ? $"{{\"ChatSessionId\": {json}, \"Message\": null}}"
                : $"{{\"ChatSessionId\": 403, \"{field}\": {json}}}";
        }

        var message = new Dictionary<string, string>(StringComparer.Ordinal) { ["Type"] = "\"ToUser\"", ["Message"] = "\"Hi\"" };
        message[field["Message.".Length..]] = json;
        return $"{{\"ChatSessionId\": 403, \"Message\": {{{string.Join(", ", message.Select(p => $"\"{p.Key}\": {p.Value}"))}}}}}";
    }

    private BadRequest Json(string kind, string body, int? expectedStatus = 400) =>
        Request(kind, Encoding.UTF8.GetBytes(body), contentType: Pick(["application/json", "application/json; charset=utf-8", "text/json", "application/merge-patch+json"]), expectedStatus: expectedStatus);

    private BadRequest Xml(string kind, string body) =>
        Request(kind, Encoding.UTF8.GetBytes(body), contentType: Pick(["application/xml", "text/xml", "application/xml; charset=utf-8"]));

    private BadRequest Request(
        string kind,
        byte[] body,
        string? contentType = "application/json",
        string? authorization = SampleAuthorization,
        KeyValuePair<string, string>[]? headers = null,
        string method = "POST",
        string path = Path,
        int? expectedStatus = 400)
    {
        var all = new List<KeyValuePair<string, string>>();
        if (authorization is not null)
        {
            all.Add(new("Authorization", authorization));
        }

        all.AddRange(headers ?? []);

        // Now and then the error envelope is asked for in XML, which must carry whatever the message quotes.
        if (!all.Exists(h => h.Key == "Accept") && _random.Next(5) == 0)
        {
            all.Add(new("Accept", Pick(["application/xml", "text/xml; charset=utf-8"])));
        }

        return new BadRequest(kind, method, path, string.Empty, contentType, all, body, expectedStatus);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private string RandomName()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        return string.Create(1 + _random.Next(12), _random, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[random.Next(letters.Length)];
            }
        });
    }

    /// <summary>Whether a strict parser (RFC 8259, depth 64, as ChatMock reads JSON) accepts the bytes.</summary>
    public static bool IsStrictJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
