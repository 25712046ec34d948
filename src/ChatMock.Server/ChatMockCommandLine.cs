namespace ChatMock.Server;

/// <summary>The command-line switches of the standalone server; each sets a <see cref="ChatMockOptions"/> key.</summary>
internal static class ChatMockCommandLine
{
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--port"] = "ChatMock:Port",
        ["--seed"] = "ChatMock:Seed",
        ["--journal-capacity"] = "ChatMock:JournalCapacity",
        ["--reject-unknown-properties"] = "ChatMock:RejectUnknownProperties",
        ["--max-request-body-bytes"] = "ChatMock:MaxRequestBodyBytes",
        ["--first-chat-message-id"] = "ChatMock:FirstChatMessageId",
        ["--contracts-path"] = "ChatMock:ContractsPath",
        ["--wiremock-log-capacity"] = "ChatMock:WireMockLogCapacity",
        ["--direct-answers"] = "ChatMock:DirectAnswers",
        ["--authentication"] = "ChatMock:Authentication",
        ["--tickets"] = "ChatMock:Tickets",
        ["--bearer-tokens"] = "ChatMock:BearerTokens",
        ["--require-xsrf-cookie"] = "ChatMock:RequireXsrfCookie",
        ["--cors-origins"] = "ChatMock:CorsOrigins",
        ["--min-delay-ms"] = "ChatMock:MinDelayMilliseconds",
        ["--max-delay-ms"] = "ChatMock:MaxDelayMilliseconds",
        ["--admin-token"] = "ChatMock:AdminToken",
        ["--mappings-path"] = "ChatMock:MappingsPath",
        ["--admin-origins"] = "ChatMock:AdminOrigins",
        ["--allow-mapping-files"] = "ChatMock:AllowMappingFiles",
        ["--allow-mapping-proxies"] = "ChatMock:AllowMappingProxies",
        ["--journal-max-bytes"] = "ChatMock:JournalMaxBytes",
    };

    public const string Help = """
        ChatMock: a mock of SuperOffice's POST /api/v1/Agents/Chat/AddChatMessage, on WireMock.Net.

        Usage: dotnet run --project src/ChatMock.Server -- [options]

        Options (each also set as ChatMock__<Name> in the environment or "ChatMock": { } in appsettings.json):
          --port <n>                        TCP port; 0 picks a free one and prints it (default 8080)
          --seed <n>                        seed of the generated data (default: random, printed at start)
          --journal-capacity <n>            calls kept in the journal (default 10000)
          --journal-max-bytes <n>           bytes kept in the journal; the oldest calls go past it (default 134217728)
          --reject-unknown-properties <b>   unknown properties are violations (true) or warnings (false) (default true)
          --max-request-body-bytes <n>      larger bodies get 413 (default 1048576)
          --first-chat-message-id <n>       id of the first message (default 1)
          --contracts-path <dir>            validate against the schemas in this folder (default: built in)
          --wiremock-log-capacity <n>       requests kept in WireMock.Net's own log besides the journal (default 0)
          --direct-answers <b>              answer in front of WireMock.Net's matching while ChatMock's mapping is
                                            the only one (true), or send every request through it (default true)
          --authentication <mode>           AnyCredentials (default), Configured or Off
          --ChatMock:Users:<user> <pass>    a Basic user accepted when Configured (repeat for more)
          --tickets <t1,t2>                 SoTicket values accepted when Configured
          --bearer-tokens <t1,t2>           Bearer tokens accepted when Configured
          --require-xsrf-cookie <b>         X-XSRF-TOKEN must equal the XSRF-TOKEN cookie (default false)
          --cors-origins <o1,o2>            origins browsers may call from; * for any (default *)
          --min-delay-ms <n>                shortest delay before each answer (default 0)
          --max-delay-ms <n>                longest delay; each answer waits a random time in between (default 0)
          --admin-token <token>             token every admin endpoint requires (default: none, open)
          --mappings-path <dir>             WireMock mapping files that take precedence over ChatMock (default: none)
          --admin-origins <o1,o2>           web page origins allowed to call /__admin from a browser (default: only
                                            the server's own)
          --allow-mapping-files <b>         mappings may serve files (BodyAsFile), from the mappings folder only
                                            (default false)
          --allow-mapping-proxies <b>       mappings may proxy (ProxyUrl) or send webhooks (default false)
          --health-check                    ask the server on this machine (at --port / ChatMock__Port) for
                                            /__admin/health; exit 0 if it answers, 1 if not (container HEALTHCHECK)
          --help                            show this text
        """;
}
