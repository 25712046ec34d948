using System.Text;
using ChatMock.Engine;

namespace ChatMock.Benchmarks;

/// <summary>The requests the benchmarks send: the documentation page's sample and its variations.</summary>
internal static class Samples
{
    public const string Path = "/api/v1/Agents/Chat/AddChatMessage";

    /// <summary>
    /// How many sessions a benchmark posts round: ChatMock stores every message, and a session keeps at most 10,000
    /// (MaxMessagesPerSession), so a benchmark posting to one session would soon measure the refusal of a full session.
    /// Round 1,000 sessions the store runs at its MaxMessages limit, removing the least recently active session, as a
    /// long-running server does (bench/post.lua does the same for bench/load.sh).
    /// </summary>
    public const int Sessions = 1_000;

    /// <summary>The body once per session: its session id (the first number after ChatSessionId) is 1001, 1002, ...</summary>
    public static string[] ForEachSession(string body) =>
        [.. Enumerable.Range(1, Sessions).Select(i => System.Text.RegularExpressions.Regex.Replace(
            body, @"(ChatSessionId\W+)\d+", m => m.Groups[1].Value + (1_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMinutes(1)))];

    /// <summary>The documentation page's sample body: the message is generated.</summary>
    public const string GeneratedMessageJson = """
        {
          "ChatSessionId": 403,
          "Message": null
        }
        """;

    /// <summary>A customer's message, every field posted (requests/chatmock.http, "customerMessage").</summary>
    public const string PostedMessageJson = """
        {
          "ChatSessionId": 517,
          "Message": {
            "Type": "ToUser",
            "Message": "Hei! Jeg får ikke logget inn på «Min side» – står at passordet er feil. Kan dere hjelpe meg?",
            "Author": "Bjørn Ødegård",
            "ReadByCustomer": 1,
            "SpecialType": "None"
          }
        }
        """;

    /// <summary>Malformed JSON: the body stops in the middle of a string.</summary>
    public const string MalformedJson = """{"ChatSessionId": 403, "Message": {"Type": "ToCus""";

    /// <summary>Well-formed JSON that breaks the contract in two places.</summary>
    public const string ContractViolationJson = """{"ChatSessionId": "abc", "Message": {"Type": "Outgoing"}}""";

    /// <summary>The customer's message as an XML body.</summary>
    public const string PostedMessageXml = """
        <AddChatMessage>
          <ChatSessionId>517</ChatSessionId>
          <Message>
            <Type>ToUser</Type>
            <Message>Hi, my order SO-123456 has not arrived yet.</Message>
            <Author>Kari Nordmann</Author>
            <ReadByCustomer>1</ReadByCustomer>
            <SpecialType>None</SpecialType>
          </Message>
        </AddChatMessage>
        """;

    public static readonly KeyValuePair<string, string>[] SampleHeaders =
    [
        new("Authorization", "Basic dGplMDpUamUw"),
        new("Accept", "application/json; charset=utf-8"),
        new("Accept-Language", "fr,de,ru,zh"),
        new("Content-Type", "application/json; charset=utf-8"),
    ];

    public static ChatMockRequest Request(string body, string contentType = "application/json; charset=utf-8", string query = "", string accept = "application/json; charset=utf-8") => new()
    {
        Method = "POST",
        Path = Path,
        QueryString = query,
        Headers =
        [
            new("Host", "localhost"),
            new("Authorization", "Basic dGplMDpUamUw"),
            new("Accept", accept),
            new("Accept-Language", "fr,de,ru,zh"),
            new("Content-Type", contentType),
            new("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        Body = Encoding.UTF8.GetBytes(body),
    };
}
