using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatMock.Server.Admin.Patterns;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatMock.Server.Admin;

/// <summary>
/// Stubs in WireMock's JSON format (admin API and mapping files), translated to WireMock.Net mappings that match
/// exactly what they say: <c>request</c> as a <see cref="RequestPattern"/>; <c>response</c> with <c>status</c>,
/// <c>body</c>, <c>jsonBody</c>, <c>base64Body</c>, <c>headers</c> and <c>fixedDelayMilliseconds</c>; <c>id</c> (or
/// <c>uuid</c>), <c>name</c>, <c>priority</c>, <c>metadata</c>. Anything else is refused, naming the field, rather than
/// dropped: WireMock.Net, given such a stub as it is, keeps the mapping and drops what it does not know, so a
/// <c>urlPath</c> stub answered every request. Each stub's own JSON is kept, to be answered back as it was sent.
/// </summary>
internal sealed class WireMockStubs(Func<WireMockServer?> wireMock)
{
    /// <summary>WireMock's default priority; a stub without one sits with the others WireMock would give it.</summary>
    public const int DefaultPriority = 5;

    private static readonly string[] StubFields = ["id", "uuid", "name", "request", "response", "priority", "persistent", "metadata", "insertionIndex"];

    private static readonly string[] ResponseFields = ["status", "body", "jsonBody", "base64Body", "headers", "fixedDelayMilliseconds"];

    private readonly ConcurrentDictionary<Guid, Stub> _stubs = new();

    /// <summary>Returns whether a JSON stub is in WireMock's format (<c>request</c>, <c>response</c>, <c>mappings</c> in camelCase) rather than WireMock.Net's.</summary>
    public static bool IsWireMockFormat(JsonElement element)
    {
        var stub = element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0 ? element[0] : element;
        return stub.ValueKind == JsonValueKind.Object
            && (stub.TryGetProperty("request", out _) || stub.TryGetProperty("response", out _) || stub.TryGetProperty("mappings", out _));
    }

    /// <summary>Translates and adds stubs (one, an array, or <c>{"mappings": [...]}</c>); all or none.</summary>
    /// <param name="element">The stub or stubs.</param>
    /// <param name="source">The mapping file they came from, or null for the admin API.</param>
    /// <param name="replacing">The id the stub must have (<c>PUT /__admin/mappings/{id}</c>), or null.</param>
    /// <returns>The stubs as stored, each with its id.</returns>
    /// <exception cref="PatternException">A stub is not valid, or uses what ChatMock does not translate.</exception>
    public IReadOnlyList<JsonObject> Add(JsonElement element, string? source, Guid? replacing = null)
    {
        var items = new List<(JsonElement Element, string Pointer)>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            items.AddRange(element.EnumerateArray().Select((e, i) => (e, "/" + i)));
        }
        else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("mappings", out var mappings))
        {
            if (mappings.ValueKind != JsonValueKind.Array)
            {
                throw new PatternException("/mappings", "'mappings' must be an array of stubs.");
            }

            items.AddRange(mappings.EnumerateArray().Select((e, i) => (e, "/mappings/" + i)));
        }
        else
        {
            items.Add((element, string.Empty));
        }

        // Every stub is read before any is added, so that one bad stub adds none.
        var translated = items.Select(item => Translate(item.Element, item.Pointer, source, replacing)).ToList();
        var server = wireMock() ?? throw new InvalidOperationException("The server has not started.");
        foreach (var stub in translated)
        {
            Register(server, stub);
        }

        return [.. translated.Select(s => s.Json)];
    }

    /// <summary>Returns the stubs still registered, newest first.</summary>
    public IReadOnlyList<Stub> List()
    {
        var present = wireMock()?.Mappings.Select(m => m.Guid).ToHashSet() ?? [];
        return [.. _stubs.Values.Where(s => present.Contains(s.Guid)).OrderByDescending(s => s.Order)];
    }

    /// <summary>Finds a registered stub by id.</summary>
    public Stub? Find(Guid guid) =>
        _stubs.TryGetValue(guid, out var stub) && wireMock()?.Mappings.Any(m => m.Guid == guid) == true ? stub : null;

    /// <summary>Forgets stubs WireMock.Net no longer has (after a delete or reset through its admin API).</summary>
    public void Prune()
    {
        var present = wireMock()?.Mappings.Select(m => m.Guid).ToHashSet() ?? [];
        foreach (var guid in _stubs.Keys.Where(g => !present.Contains(g)).ToList())
        {
            _stubs.TryRemove(guid, out _);
        }
    }

    /// <summary>Removes the stubs that came from one mapping file.</summary>
    public void RemoveFrom(string source)
    {
        var server = wireMock();
        foreach (var stub in _stubs.Values.Where(s => string.Equals(s.Source, source, StringComparison.Ordinal)).ToList())
        {
            server?.DeleteMapping(stub.Guid);
            _stubs.TryRemove(stub.Guid, out _);
        }
    }

    private static long _order;

    private static Stub Translate(JsonElement element, string pointer, string? source, Guid? replacing)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer + "/", "A stub must be a JSON object such as {\"request\": {\"urlPath\": \"/x\"}, \"response\": {\"status\": 200}}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!StubFields.Contains(property.Name))
            {
                var detail = property.Name switch
                {
                    "scenarioName" or "requiredScenarioState" or "newScenarioState" => "scenarios are not translated from WireMock's format; write the stub in WireMock.Net's format (Scenario, WhenStateIs, SetStateTo)",
                    "postServeActions" or "serveEventListeners" => "webhooks and serve event listeners are not supported",
                    _ => "it is not a field ChatMock translates",
                };
                throw new PatternException($"{pointer}/{property.Name}", $"The stub field '{property.Name}' is not supported by ChatMock: {detail}. A stub may have id, name, request, response, priority and metadata.", 422);
            }
        }

        var guid = ReadGuid(element, pointer) ?? replacing ?? Guid.NewGuid();
        if (replacing is { } wanted && guid != wanted)
        {
            throw new PatternException(pointer + "/id", $"The stub's id {guid} is not the id of the path, {wanted}.");
        }

        if (!element.TryGetProperty("request", out var request))
        {
            throw new PatternException(pointer + "/request", "A stub needs a 'request', such as {\"method\": \"GET\", \"urlPath\": \"/x\"}.");
        }

        var pattern = RequestPattern.Parse(request, pointer + "/request");
        var priority = DefaultPriority;
        if (element.TryGetProperty("priority", out var priorityElement) && !TryGetInt(priorityElement, out priority))
        {
            throw new PatternException(pointer + "/priority", "'priority' must be a whole number; 1 is the highest.");
        }

        if (element.TryGetProperty("persistent", out var persistent) && persistent.ValueKind == JsonValueKind.True)
        {
            throw new PatternException(pointer + "/persistent", "ChatMock does not save stubs ('persistent': true); put the stub in a file of the mappings folder instead.", 422);
        }

        string? name = null;
        if (element.TryGetProperty("name", out var nameElement))
        {
            name = nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : throw new PatternException(pointer + "/name", "'name' must be a string.");
        }

        var response = element.TryGetProperty("response", out var responseElement) ? responseElement : default;
        var respond = TranslateResponse(response, pointer + "/response");

        var json = JsonNode.Parse(element.GetRawText())!.AsObject();
        json.Remove("uuid");
        json.Remove("insertionIndex");
        json["id"] = guid.ToString();
        json["uuid"] = guid.ToString();
        return new Stub(guid, json, pattern, priority, name, respond, source, Interlocked.Increment(ref _order));
    }

    private static bool TryGetInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }

    private static Guid? ReadGuid(JsonElement element, string pointer)
    {
        foreach (var name in (string[])["id", "uuid"])
        {
            if (element.TryGetProperty(name, out var value))
            {
                if (value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out var guid))
                {
                    throw new PatternException($"{pointer}/{name}", $"'{name}' must be a UUID such as \"8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7\".");
                }

                return guid;
            }
        }

        return null;
    }

    private static Func<IResponseBuilder> TranslateResponse(JsonElement response, string pointer)
    {
        if (response.ValueKind == JsonValueKind.Undefined)
        {
            return () => Response.Create().WithStatusCode(200);
        }

        if (response.ValueKind != JsonValueKind.Object)
        {
            throw new PatternException(pointer, "'response' must be an object such as {\"status\": 200, \"body\": \"...\"}.");
        }

        foreach (var property in response.EnumerateObject())
        {
            if (!ResponseFields.Contains(property.Name))
            {
                var detail = property.Name switch
                {
                    "bodyFileName" => "ChatMock does not read response bodies from files for WireMock-format stubs; put the body in 'body', 'jsonBody' or 'base64Body'",
                    "proxyBaseUrl" or "additionalProxyRequestHeaders" or "removeProxyRequestHeaders" or "proxyUrlPrefixToRemove" => "ChatMock does not proxy WireMock-format stubs",
                    "fault" or "delayDistribution" or "chunkedDribbleDelay" => "only 'fixedDelayMilliseconds' is translated; for faults send ChatMock's 'Prefer' header",
                    "transformers" or "transformerParameters" => "response templates are not translated",
                    _ => "it is not a response field ChatMock translates",
                };
                throw new PatternException($"{pointer}/{property.Name}", $"The response field '{property.Name}' is not supported by ChatMock: {detail}. A response may have status, body, jsonBody, base64Body, headers and fixedDelayMilliseconds.", 422);
            }
        }

        var status = 200;
        if (response.TryGetProperty("status", out var statusElement) && (!TryGetInt(statusElement, out status) || status is < 100 or > 599))
        {
            throw new PatternException(pointer + "/status", "'status' must be an HTTP status code from 100 to 599.");
        }

        var bodies = ((string[])["body", "jsonBody", "base64Body"]).Where(b => response.TryGetProperty(b, out _)).ToList();
        if (bodies.Count > 1)
        {
            throw new PatternException($"{pointer}/{bodies[1]}", $"The response has both '{bodies[0]}' and '{bodies[1]}'; give one body.");
        }

        byte[]? bytes = null;
        string? text = null;
        if (response.TryGetProperty("body", out var body))
        {
            text = body.ValueKind == JsonValueKind.String ? body.GetString() : throw new PatternException(pointer + "/body", "'body' must be a string; for JSON use 'jsonBody'.");
        }
        else if (response.TryGetProperty("jsonBody", out var jsonBody))
        {
            text = jsonBody.GetRawText();
        }
        else if (response.TryGetProperty("base64Body", out var base64))
        {
            try
            {
                bytes = Convert.FromBase64String(base64.ValueKind == JsonValueKind.String ? base64.GetString()! : throw new FormatException());
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                throw new PatternException(pointer + "/base64Body", "'base64Body' must be base64 text.");
            }
        }

        var headers = new List<(string Name, string[] Values)>();
        if (response.TryGetProperty("headers", out var headersElement))
        {
            if (headersElement.ValueKind != JsonValueKind.Object)
            {
                throw new PatternException(pointer + "/headers", "'headers' must be an object of name to value (or array of values).");
            }

            foreach (var header in headersElement.EnumerateObject())
            {
                string[] values = header.Value.ValueKind switch
                {
                    JsonValueKind.String => [header.Value.GetString()!],
                    JsonValueKind.Array when header.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => [.. header.Value.EnumerateArray().Select(v => v.GetString()!)],
                    _ => throw new PatternException($"{pointer}/headers/{header.Name}", $"The header '{header.Name}' must be a string or an array of strings."),
                };
                headers.Add((header.Name, values));
            }
        }

        var delay = 0;
        if (response.TryGetProperty("fixedDelayMilliseconds", out var delayElement) && (!TryGetInt(delayElement, out delay) || delay is < 0 or > 600_000))
        {
            throw new PatternException(pointer + "/fixedDelayMilliseconds", "'fixedDelayMilliseconds' must be a whole number of milliseconds from 0 to 600000.");
        }

        return () =>
        {
            var builder = Response.Create().WithStatusCode(status);
            foreach (var (name, values) in headers)
            {
                builder = builder.WithHeader(name, values);
            }

            if (text is not null)
            {
                builder = builder.WithBody(text);
            }
            else if (bytes is not null)
            {
                builder = builder.WithBody(bytes);
            }

            return delay > 0 ? builder.WithDelay(delay) : builder;
        };
    }

    private void Register(WireMockServer server, Stub stub)
    {
        var provider = server.Given(stub.Pattern.ToRequestBuilder()).WithGuid(stub.Guid).AtPriority(stub.Priority);
        if (stub.Name is not null)
        {
            provider = provider.WithTitle(stub.Name);
        }

        provider.RespondWith(stub.Respond());
        _stubs[stub.Guid] = stub;
    }

    /// <summary>One translated stub: its JSON as stored, and what it was translated from.</summary>
    internal sealed record Stub(Guid Guid, JsonObject Json, RequestPattern Pattern, int Priority, string? Name, Func<IResponseBuilder> Respond, string? Source, long Order);
}
