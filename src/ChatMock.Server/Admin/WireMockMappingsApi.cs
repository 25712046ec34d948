using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WireMock.Server;

namespace ChatMock.Server.Admin;

/// <summary>
/// The mapping and scenario endpoints where WireMock's dialect differs from WireMock.Net's: stubs posted in WireMock's
/// JSON format are translated (<see cref="WireMockStubs"/>), <c>GET /__admin/mappings</c> and <c>/{id}</c> answer
/// WireMock's <c>{"mappings": [...], "meta": {"total": N}}</c>, <c>GET /__admin/scenarios</c> WireMock's
/// <c>{"scenarios": [...]}</c>. WireMock.Net's dialect goes on to WireMock.Net's own admin API.
/// </summary>
internal sealed class WireMockMappingsApi(WireMockStubs stubs, Func<WireMockServer?> wireMock, Func<MappingFiles?> files, Action ensureEngineMapping)
{
    /// <summary>Answers the request, or returns false to leave it to WireMock.Net's admin API.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string[] segments)
    {
        var request = context.Request;
        var method = request.Method;
        switch (segments)
        {
            case ["mappings"] when HttpMethods.IsPost(method):
                return await PostAsync(context, replacing: null, import: false).ConfigureAwait(false);
            case ["mappings", "import"] when HttpMethods.IsPost(method):
                return await PostAsync(context, replacing: null, import: true).ConfigureAwait(false);
            case ["mappings", var id] when HttpMethods.IsPut(method) && Guid.TryParse(id, out var guid):
                return await PostAsync(context, guid, import: false).ConfigureAwait(false);
            case ["mappings"] when HttpMethods.IsGet(method) && AdminDialects.Of(request) == AdminDialect.WireMock:
                await ListAsync(context).ConfigureAwait(false);
                return true;
            case ["mappings", var id] when HttpMethods.IsGet(method) && AdminDialects.Of(request) == AdminDialect.WireMock:
                await GetAsync(context, id).ConfigureAwait(false);
                return true;
            case ["mappings", "reset"] when HttpMethods.IsPost(method):
                await ResetAsync(context).ConfigureAwait(false);
                return true;
            case ["mappings", "reloadStaticMappings"] when HttpMethods.IsPost(method):
                files()?.LoadAll();
                await AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Static Mappings reloaded").ConfigureAwait(false);
                return true;
            case ["scenarios"] when HttpMethods.IsGet(method) && AdminDialects.Of(request) == AdminDialect.WireMock:
                await ScenariosAsync(context).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Describes a mapping made in WireMock.Net's format, as a WireMock stub: its id, title and priority, and a
    /// custom matcher standing for matchers WireMock's format cannot say (the engine's catch-all says what it is).
    /// </summary>
    private static JsonObject Describe(WireMock.IMapping mapping)
    {
        var engine = mapping.Guid == ChatMockServer.EngineMappingGuid;
        var json = new JsonObject
        {
            ["id"] = mapping.Guid.ToString(),
            ["uuid"] = mapping.Guid.ToString(),
            ["name"] = mapping.Title ?? string.Empty,
            ["priority"] = mapping.Priority,
            ["request"] = engine
                ? new JsonObject { ["method"] = "ANY", ["urlPattern"] = "/.*" }
                : new JsonObject
                {
                    ["method"] = "ANY",
                    ["customMatcher"] = new JsonObject { ["name"] = "wiremock-net-mapping", ["parameters"] = new JsonObject { ["readWith"] = "X-ChatMock-Dialect: wiremock.net" } },
                },
            ["response"] = engine
                ? new JsonObject { ["status"] = 200, ["transformers"] = new JsonArray("chatmock-engine") }
                : new JsonObject { ["status"] = 200 },
        };
        json["metadata"] = new JsonObject { ["chatmock"] = engine ? "The ChatMock engine: validates and answers the SuperOffice chat API." : "A WireMock.Net-format mapping." };
        return json;
    }

    private async Task<bool> PostAsync(HttpContext context, Guid? replacing, bool import)
    {
        context.Request.EnableBuffering();
        if (await AdminHttp.ReadJsonAsync(context, "The stub").ConfigureAwait(false) is not { } root)
        {
            return true;
        }

        if (!import && (!WireMockStubs.IsWireMockFormat(root) || AdminDialects.Of(context.Request, root) == AdminDialect.WireMockNet))
        {
            // WireMock.Net's format: WireMock.Net's own admin API reads it.
            context.Request.Body.Position = 0;
            return false;
        }

        if (replacing is { } id && wireMock()?.Mappings.Any(m => m.Guid == id) != true)
        {
            await AdminHttp.NotFoundAsync(context, $"No stub with id {id}; POST /__admin/mappings adds one.").ConfigureAwait(false);
            return true;
        }

        if (await AdminHttp.TryPatternAsync(context, () => stubs.Add(root, source: null, replacing)).ConfigureAwait(false) is not { } added)
        {
            return true;
        }

        ensureEngineMapping();
        if (import)
        {
            await AdminHttp.WriteJsonTextAsync(context, StatusCodes.Status200OK, "{}").ConfigureAwait(false);
        }
        else if (added.Count == 1 && root.ValueKind == JsonValueKind.Object)
        {
            await AdminHttp.WriteJsonAsync(context, replacing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK, writer => added[0].WriteTo(writer)).ConfigureAwait(false);
        }
        else
        {
            await WriteMappingsAsync(context, StatusCodes.Status201Created, added).ConfigureAwait(false);
        }

        return true;
    }

    private static Task WriteMappingsAsync(HttpContext context, int status, IReadOnlyList<JsonObject> mappings) =>
        AdminHttp.WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("mappings");
            foreach (var mapping in mappings)
            {
                mapping.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("meta");
            writer.WriteNumber("total", mappings.Count);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private Task ListAsync(HttpContext context)
    {
        var translated = stubs.List();
        var known = translated.Select(s => s.Guid).ToHashSet();
        var native = (wireMock()?.Mappings ?? []).Where(m => !m.IsAdminInterface && !known.Contains(m.Guid)).Select(Describe);
        return WriteMappingsAsync(context, StatusCodes.Status200OK, [.. translated.Select(s => s.Json), .. native]);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (Guid.TryParse(id, out var guid))
        {
            if (stubs.Find(guid) is { } stub)
            {
                await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => stub.Json.WriteTo(writer)).ConfigureAwait(false);
                return;
            }

            if (wireMock()?.Mappings.FirstOrDefault(m => m.Guid == guid && !m.IsAdminInterface) is { } mapping)
            {
                await AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer => Describe(mapping).WriteTo(writer)).ConfigureAwait(false);
                return;
            }
        }

        await AdminHttp.NotFoundAsync(context, $"No stub with id {id}.").ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /__admin/mappings/reset</c>: every stub removed; the mapping folder's read again when
    /// <c>?reloadStaticMappings=true</c> (WireMock.Net) or for WireMock's dialect, whose reset goes back to the files.
    /// </summary>
    private Task ResetAsync(HttpContext context)
    {
        var reload = AdminDialects.Of(context.Request) == AdminDialect.WireMock
            || string.Equals(context.Request.Query["reloadStaticMappings"], "true", StringComparison.OrdinalIgnoreCase);
        wireMock()?.ResetMappings();
        stubs.Prune();
        if (reload)
        {
            files()?.LoadAll();
        }

        ensureEngineMapping();
        return AdminHttp.WriteStatusAsync(context, StatusCodes.Status200OK, "Mappings reset");
    }

    private Task ScenariosAsync(HttpContext context)
    {
        var scenarios = wireMock()?.Scenarios.ToList() ?? [];
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("scenarios");
            foreach (var scenario in scenarios)
            {
                writer.WriteStartObject();
                writer.WriteString("id", scenario.Name);
                writer.WriteString("name", scenario.Name);
                writer.WriteString("state", scenario.NextState ?? "Started");
                writer.WriteStartArray("possibleStates");
                writer.WriteStringValue("Started");
                if (scenario.NextState is { } next && next != "Started")
                {
                    writer.WriteStringValue(next);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
