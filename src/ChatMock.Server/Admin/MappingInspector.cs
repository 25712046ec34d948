using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Server.Admin;

/// <summary>
/// Finds what a mapping or a settings document would make the server do beyond answering: read or write local files
/// (<see cref="ChatMockOptions.AllowMappingFiles"/>) or send requests elsewhere (<see cref="ChatMockOptions.AllowMappingProxies"/>).
/// Property names are matched at any depth and in any casing, in WireMock.Net's format and WireMock's alike, with
/// the same lenient JSON reader WireMock.Net uses, so that nothing WireMock.Net would read slips past.
/// </summary>
internal sealed class MappingInspector(bool allowFiles, bool allowProxies, string? mappingsFolder)
{
    private readonly string? _folder = mappingsFolder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(mappingsFolder));

    private static readonly string[] FileProperties = ["BodyAsFile", "BodyFileName", "SaveToFile"];

    private static readonly string[] ProxyProperties = ["ProxyUrl", "ProxyBaseUrl", "ProxyUrlReplaceSettings", "WebProxy", "Webhook", "Webhooks", "ProxyAndRecordSettings"];

    /// <summary>The settings <c>PUT /__admin/settings</c> may change; the others would undo ChatMock's protections.</summary>
    private static readonly string[] ChangeableSettings =
    [
        "GlobalProcessingDelay", "AllowPartialMapping", "AllowBodyForAllHttpMethods", "AllowOnlyDefinedHttpStatusCodeInResponse",
        "DisableJsonBodyParsing", "DisableDeserializeFormUrlEncoded", "HandleRequestsSynchronously",
        "QueryParameterMultipleValueSupport", "UseRegexExtended", "DoNotSaveDynamicResponseInLogEntry", "RequestLogExpirationDuration",
        "MaxRequestLogCount", "ProtoDefinitions",
    ];

    /// <summary>Returns null when the mapping document may be stored, or the sentence that says why not.</summary>
    public string? Refusal(string json) => Inspect(json, settings: false);

    /// <summary>Returns null when the settings document may be applied, or the sentence that says why not.</summary>
    public string? SettingsRefusal(string json) => Inspect(json, settings: true);

    private string? Inspect(string json, bool settings)
    {
        JToken document;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
            document = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            // WireMock.Net refuses it too, with its own error.
            return null;
        }

        if (settings && document is JObject top)
        {
            foreach (var property in top.Properties())
            {
                if (!ChangeableSettings.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    return $"The setting '{property.Name}' cannot be changed on a ChatMock server; the ones that can are {string.Join(", ", ChangeableSettings)}.";
                }
            }
        }

        var properties = document is JContainer container ? container.DescendantsAndSelf().OfType<JProperty>() : [];
        foreach (var property in properties)
        {
            if (FileProperties.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && HasValue(property.Value))
            {
                if (!allowFiles)
                {
                    return $"'{property.Path}' would read or write a local file; mappings may do that only with the setting AllowMappingFiles (--allow-mapping-files true), and only inside the mappings folder.";
                }

                if (property.Value.Type == JTokenType.String && !IsInsideFolder(property.Value.Value<string>()!))
                {
                    return _folder is null
                        ? $"'{property.Path}' names a file, and mappings may read files only inside the mappings folder: set MappingsPath."
                        : $"'{property.Path}' names a file outside the mappings folder '{_folder}'; mappings may read files only inside it.";
                }
            }

            if (!allowProxies && ProxyProperties.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && HasValue(property.Value))
            {
                return $"'{property.Path}' would make the server send requests elsewhere; mappings may proxy or send webhooks only with the setting AllowMappingProxies (--allow-mapping-proxies true).";
            }
        }

        return null;
    }

    private bool IsInsideFolder(string path)
    {
        if (_folder is null)
        {
            return false;
        }

        try
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(_folder, path));
            return full.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static bool HasValue(JToken value) => value.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => false,
        JTokenType.Boolean => value.Value<bool>(),
        JTokenType.String => !string.IsNullOrEmpty(value.Value<string>()),
        _ => true,
    };
}
