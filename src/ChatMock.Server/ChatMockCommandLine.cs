using System.Globalization;

namespace ChatMock.Server;

/// <summary>The command-line switches of the standalone server; each sets a <see cref="ChatMockOptions"/> key.</summary>
internal static class ChatMockCommandLine
{
    public const string VersionSwitch = "--version";

    /// <summary>The switches that take no value.</summary>
    public static readonly string[] Flags = ["--help", "-h", "-?", VersionSwitch, HealthCheck.Switch];

    /// <summary>Configuration paths that may be set directly (<c>--ChatMock:Users:alice s3cret</c>); the binder checks the ChatMock ones.</summary>
    private static readonly string[] SectionPrefixes = ["ChatMock:", "Logging:"];

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

        Usage: chatmock [options]
           or, from the repository: dotnet run --project src/ChatMock.Server -- [options]

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
          --version                         print the version
          --help                            show this text
        """;

    /// <summary>
    /// Checks the switches before anything starts, so that a typo (<c>--prot 9000</c>) is refused rather than ignored
    /// while the server starts on its default port.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <returns>One line saying what is wrong and what was probably meant, or <see langword="null"/> when all is known.</returns>
    public static string? FindUnknownSwitch(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (Flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            // As the configuration's command-line reader does: --key and /key are long switches, key=value sets a
            // configuration path; a single dash must be a mapped short switch, and ChatMock has none.
            var key = name.StartsWith("--", StringComparison.Ordinal) ? name[2..]
                : name.StartsWith('/') ? name[1..]
                : name.StartsWith('-') ? null
                : name;
            var isSwitch = key is not null && key.Length < name.Length;
            if (key is not null && !isSwitch && equals < 0)
            {
                return $"'{arg}' is not a switch: settings are given as --<switch> <value> (run chatmock --help to see them).";
            }

            var known = key is not null
                && ((isSwitch && SwitchMappings.ContainsKey("--" + key)) || SectionPrefixes.Any(prefix =>
                    key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && key.Length > prefix.Length));
            if (!known)
            {
                return $"'{name}' is not a ChatMock switch; did you mean '{Closest(name)}'? Run chatmock --help to see them all.";
            }

            if (isSwitch && equals < 0)
            {
                // The next argument is this switch's value, whatever it looks like (--seed -5).
                i++;
                if (i == args.Length)
                {
                    return $"'{name}' needs a value: {name} <value>.";
                }
            }
        }

        return null;
    }

    /// <summary>The known switch nearest to <paramref name="name"/> by edit distance, ignoring case.</summary>
    public static string Closest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var typed = "--" + name.TrimStart('-', '/').ToLowerInvariant();
        return SwitchMappings.Keys.Concat(Flags.Where(f => f.StartsWith("--", StringComparison.Ordinal)))
            .OrderBy(candidate => EditDistance(typed, candidate.ToLowerInvariant()))
            .ThenBy(candidate => candidate, StringComparer.Ordinal)
            .First();
    }

    /// <summary>The Levenshtein distance: the fewest insertions, deletions and substitutions from one to the other.</summary>
    public static int EditDistance(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (var j = 0; j <= to.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[to.Length];
    }

    /// <summary>The version people see: the informational version without its build metadata (the commit).</summary>
    public static string Version()
    {
        var informational = typeof(ChatMockCommandLine).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        var version = informational ?? typeof(ChatMockCommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"chatmock {(plus < 0 ? version : version[..plus])}");
    }
}
