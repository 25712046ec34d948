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

    private static readonly string[] SchemaFiles = [ContractFiles.Request, ContractFiles.ChatMessage, ContractFiles.ChatMessageResponse, ContractFiles.Error];

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
            foreach (var file in SchemaFiles)
            {
                var path = string.IsNullOrEmpty(contractsPath) ? null : Path.Combine(contractsPath, file);
                json.WritePropertyName(file);
                json.WriteRawValue(path is not null && File.Exists(path) ? File.ReadAllText(path) : ContractFiles.ReadEmbedded(file));
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
}
