using System.Text;
using System.Text.Json;
using ChatMock.Contracts;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Page;

/// <summary>
/// The contract as the page shows it: <c>contracts/openapi.json</c> (the operations served), the JSON Schemas it
/// refers to (those the engine validates with: the configured folder's, or the embedded ones), and the examples
/// of <c>contracts/examples</c> (valid ones, and invalid ones with the violations they give), built in.
/// </summary>
internal sealed class LivePageContract(string? contractsPath)
{
    private const string ResourcePrefix = "ChatMock.Server.Page.Contract.";

    // The schemas ChatMock.Core embeds (every contracts/*.schema.json); a contracts folder may replace them and add more.
    private const string SchemaResourcePrefix = "ChatMock.Contracts.";
    private const string SchemaSuffix = ".schema.json";

    private readonly Lazy<byte[]> _document = new(() => Build(contractsPath));

    public async Task WriteAsync(HttpContext context)
    {
        var bytes = _document.Value;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static byte[] Build(string? contractsPath)
    {
        var assembly = typeof(LivePageContract).Assembly;
        var resources = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        string Read(string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WritePropertyName("openapi");
            json.WriteRawValue(Read(ResourcePrefix + "openapi.json"));
            json.WriteStartObject("schemas");
            foreach (var (file, text) in Schemas(contractsPath))
            {
                json.WritePropertyName(file);
                json.WriteRawValue(text);
            }

            json.WriteEndObject();
            json.WriteStartArray("examples");
            foreach (var kind in new[] { "valid", "invalid" })
            {
                var prefix = ResourcePrefix + "examples." + kind + ".";
                foreach (var resource in resources.Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && !r.EndsWith(".violations.json", StringComparison.Ordinal)))
                {
                    var name = resource[prefix.Length..^".json".Length];
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("kind", kind);
                    json.WriteString("body", Read(resource));
                    var violations = prefix + name + ".violations.json";
                    if (resources.Contains(violations))
                    {
                        json.WritePropertyName("violations");
                        json.WriteRawValue(Read(violations));
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return output.ToArray();
    }

    /// <summary>
    /// Every schema of the contract, by file name: those embedded in ChatMock.Core, each replaced by the file of the
    /// same name in <paramref name="contractsPath"/> when there is one, and that folder's other schemas. A file that is
    /// not JSON is shown as a JSON string holding the reason, so that one bad file does not hide the others.
    /// </summary>
    internal static SortedDictionary<string, string> Schemas(string? contractsPath)
    {
        var schemas = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in typeof(ContractFiles).Assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(SchemaResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(SchemaSuffix, StringComparison.Ordinal))
            {
                var file = resource[SchemaResourcePrefix.Length..];
                schemas[file] = ContractFiles.ReadEmbedded(file);
            }
        }

        if (!string.IsNullOrEmpty(contractsPath) && Directory.Exists(contractsPath))
        {
            foreach (var path in Directory.EnumerateFiles(contractsPath, "*" + SchemaSuffix))
            {
                schemas[Path.GetFileName(path)] = ReadJson(path);
            }
        }

        return schemas;
    }

    private static string ReadJson(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            using (JsonDocument.Parse(text))
            {
            }

            return text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            using var output = new MemoryStream();
            using (var json = new Utf8JsonWriter(output))
            {
                json.WriteStringValue($"{Path.GetFileName(path)} cannot be read as JSON: {ex.Message}");
            }

            return Encoding.UTF8.GetString(output.ToArray());
        }
    }
}
