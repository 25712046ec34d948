using System.Collections;
using System.Globalization;
using System.Text;

namespace ChatMock.Server;

/// <summary>The command-line switches of the standalone server; each sets a <see cref="ChatMockOptions"/> key.</summary>
internal static class ChatMockCommandLine
{
    public const string VersionSwitch = "--version";

    /// <summary>The switches that take no value.</summary>
    public static readonly string[] Flags = ["--help", "-h", "-?", VersionSwitch, HealthCheck.Switch];

    /// <summary>Configuration paths that may be set directly (<c>--ChatMock:Users:alice s3cret</c>); the binder checks the ChatMock ones.</summary>
    private static readonly string[] SectionPrefixes = ["ChatMock:", "Logging:"];

    /// <summary>
    /// The one table of settings the command line offers: the switch, its value, what it does and the option it sets.
    /// The switch mappings and <see cref="Help"/> are made from it; defaults come from a fresh <see cref="ChatMockOptions"/>
    /// (that is, from <c>ChatMockDefaults</c>), and <see cref="Setting.NoValue"/> says what an unset one means.
    /// </summary>
    public static readonly Setting[] Settings =
    [
        new("--port", "<n>", nameof(ChatMockOptions.Port), "TCP port; 0 picks a free one and prints it"),
        new("--seed", "<n>", nameof(ChatMockOptions.Seed), "seed of the generated data", NoValue: "random, printed at start"),
        new("--journal-capacity", "<n>", nameof(ChatMockOptions.JournalCapacity), "calls kept in the journal"),
        new("--journal-max-bytes", "<n>", nameof(ChatMockOptions.JournalMaxBytes), "bytes kept in the journal; the oldest calls go past it"),
        new("--reject-unknown-properties", "<b>", nameof(ChatMockOptions.RejectUnknownProperties), "unknown properties are violations (true) or warnings (false)"),
        new("--max-request-body-bytes", "<n>", nameof(ChatMockOptions.MaxRequestBodyBytes), "larger bodies get 413"),
        new("--first-chat-message-id", "<n>", nameof(ChatMockOptions.FirstChatMessageId), "id of the first message"),
        new("--contracts-path", "<dir>", nameof(ChatMockOptions.ContractsPath), "validate against the schemas in this folder", NoValue: "built in"),
        new("--wiremock-log-capacity", "<n>", nameof(ChatMockOptions.WireMockLogCapacity), "requests kept in WireMock.Net's own log besides the journal"),
        new("--direct-answers", "<b>", nameof(ChatMockOptions.DirectAnswers), "answer in front of WireMock.Net's matching while ChatMock's mapping is the only one (true), or send every request through it"),
        new("--call-lines-per-second", "<n>", nameof(ChatMockOptions.CallLinesPerSecond), "calls logged with a line each in a second; the rest are counted in one line"),
        new("--authentication", "<mode>", nameof(ChatMockOptions.Authentication), "who may call: " + string.Join(", ", Enum.GetNames<ChatMockAuthentication>())),
        new("--ChatMock:Users:<user>", "<pass>", nameof(ChatMockOptions.Users), "a Basic user accepted when Configured (repeat for more)", IsSwitch: false),
        new("--tickets", "<t1,t2>", nameof(ChatMockOptions.Tickets), "SoTicket values accepted when Configured"),
        new("--bearer-tokens", "<t1,t2>", nameof(ChatMockOptions.BearerTokens), "Bearer tokens accepted when Configured"),
        new("--require-xsrf-cookie", "<b>", nameof(ChatMockOptions.RequireXsrfCookie), "X-XSRF-TOKEN must equal the XSRF-TOKEN cookie"),
        new("--cors-origins", "<o1,o2>", nameof(ChatMockOptions.CorsOrigins), "origins browsers may call from; * for any"),
        new("--unknown-sessions", "<mode>", nameof(ChatMockOptions.UnknownSessions), "a message to a session not seen: " + string.Join(" or ", Enum.GetNames<UnknownSessionPolicy>()) + " (404)"),
        new("--max-sessions", "<n>", nameof(ChatMockOptions.MaxSessions), "chat sessions kept; a new one removes the least recently active"),
        new("--max-messages-per-session", "<n>", nameof(ChatMockOptions.MaxMessagesPerSession), "messages one session keeps; more are refused (507)"),
        new("--max-messages", "<n>", nameof(ChatMockOptions.MaxMessages), "messages kept in all; above it the least recently active sessions go"),
        new("--max-chat-bytes", "<n>", nameof(ChatMockOptions.MaxChatBytes), "bytes the messages take in all; above it the least recently active sessions go, and a message too big for any session is refused (507)"),
        new("--topics-path", "<file>", nameof(ChatMockOptions.TopicsPath), "JSON array of ChatTopicEntity replacing the default topics", NoValue: "generated from the seed"),
        new("--sample-sessions", "<n>", nameof(ChatMockOptions.SampleSessions), "sessions with generated conversations at start"),
        new("--min-delay-ms", "<n>", nameof(ChatMockOptions.MinDelayMilliseconds), "shortest delay before each answer"),
        new("--max-delay-ms", "<n>", nameof(ChatMockOptions.MaxDelayMilliseconds), "longest delay; each answer waits a random time in between"),
        new("--admin-token", "<token>", nameof(ChatMockOptions.AdminToken), "token every admin endpoint requires", NoValue: "none, open"),
        new("--mappings-path", "<dir>", nameof(ChatMockOptions.MappingsPath), "WireMock mapping files that take precedence over ChatMock", NoValue: "none"),
        new("--admin-origins", "<o1,o2>", nameof(ChatMockOptions.AdminOrigins), "web page origins allowed to call /__admin from a browser", NoValue: "only the server's own"),
        new("--allow-mapping-files", "<b>", nameof(ChatMockOptions.AllowMappingFiles), "mappings may serve files (BodyAsFile), from the mappings folder only"),
        new("--allow-mapping-proxies", "<b>", nameof(ChatMockOptions.AllowMappingProxies), "mappings may proxy (ProxyUrl) or send webhooks"),
        new(HealthCheck.Switch, string.Empty, null, "ask the server on this machine (at --port / ChatMock__Port) for /__admin/health; exit 0 if it answers, 1 if not (container HEALTHCHECK)"),
        new(VersionSwitch, string.Empty, null, "print the version"),
        new("--help", string.Empty, null, "show this text"),
    ];

    /// <summary>The switches that set a setting, each to its configuration key (<c>--port</c> to <c>ChatMock:Port</c>).</summary>
    public static readonly Dictionary<string, string> SwitchMappings = Settings
        .Where(s => s.IsSwitch && s.Option is not null)
        .ToDictionary(s => s.Switch, s => $"{ChatMockOptions.SectionName}:{s.Option}", StringComparer.OrdinalIgnoreCase);

    private const int DescriptionColumn = 36;

    private const int Width = 118;

    /// <summary>The text of <c>--help</c>, made from <see cref="Settings"/>.</summary>
    public static readonly string Help = MakeHelp();

    private static string MakeHelp()
    {
        var defaults = new ChatMockOptions();
        var text = new StringBuilder()
            .AppendLine("ChatMock: a mock of SuperOffice's POST /api/v1/Agents/Chat/AddChatMessage, on WireMock.Net.")
            .AppendLine()
            .AppendLine("Usage: chatmock [options]")
            .AppendLine("   or, from the repository: dotnet run --project src/ChatMock.Server -- [options]")
            .AppendLine()
            .AppendLine("Options (each also set as ChatMock__<Name> in the environment or \"ChatMock\": { } in appsettings.json):");
        foreach (var setting in Settings)
        {
            var line = new StringBuilder($"  {setting.Switch} {setting.Value}".TrimEnd().PadRight(DescriptionColumn - 1)).Append(' ');
            foreach (var word in (setting.Description + DefaultOf(setting, defaults)).Split(' '))
            {
                if (line.Length + word.Length > Width && line.Length > DescriptionColumn)
                {
                    text.AppendLine(line.ToString().TrimEnd());
                    line.Clear().Append(' ', DescriptionColumn);
                }

                line.Append(word).Append(' ');
            }

            text.AppendLine(line.ToString().TrimEnd());
        }

        return text.ToString().TrimEnd();
    }

    private static string DefaultOf(Setting setting, ChatMockOptions defaults)
    {
        if (setting.Option is null)
        {
            return string.Empty;
        }

        var value = typeof(ChatMockOptions).GetProperty(setting.Option)!.GetValue(defaults);
        var shown = value switch
        {
            null => null,
            bool flag => flag ? "true" : "false",
            string text => text.Length == 0 ? null : text,
            IDictionary dictionary => dictionary.Count == 0 ? null : "(set)",
            IEnumerable list => list.Cast<object>().Any() ? string.Join(',', list.Cast<object>()) : null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return shown is not null ? $" (default {shown})"
            : setting.NoValue is not null ? $" (default: {setting.NoValue})"
            : string.Empty;
    }

    /// <summary>One row of <see cref="Settings"/>.</summary>
    /// <param name="Switch">The switch as typed (<c>--port</c>), or the configuration path shown for a setting without one.</param>
    /// <param name="Value">What the switch takes (<c>&lt;n&gt;</c>); empty for a flag.</param>
    /// <param name="Option">The <see cref="ChatMockOptions"/> property it sets; null for a flag.</param>
    /// <param name="Description">What it does.</param>
    /// <param name="NoValue">What the setting means when unset (null or empty); null when that needs no words.</param>
    /// <param name="IsSwitch">False for a row that shows a configuration path rather than a switch.</param>
    internal sealed record Setting(string Switch, string Value, string? Option, string Description, string? NoValue = null, bool IsSwitch = true);

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
