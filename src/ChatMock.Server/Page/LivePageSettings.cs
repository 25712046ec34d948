using System.Collections;
using System.Reflection;
using System.Text.Json;
using ChatMock.Engine;
using ChatMock.Server.Admin;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Page;

/// <summary>
/// The settings in force, for the page's controls: the seed, the journal's figures and every option, read from
/// <see cref="ChatMockOptions"/> itself so that a new option shows without a change here. Secrets never leave: the
/// admin token, passwords, tickets and bearer tokens are said to be set, or counted, never shown.
/// </summary>
internal static class LivePageSettings
{
    private static readonly PropertyInfo[] Options = typeof(ChatMockOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetMethod is not null)
        .ToArray();

    public static Task WriteAsync(HttpContext context, ChatMockEngine engine, string instance, bool adminTokenRequired)
    {
        var options = engine.Options;
        var journal = engine.Journal;
        return AdminHttp.WriteJsonAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("instance", instance);
            json.WriteNumber("seed", engine.Seed);
            json.WriteBoolean("seedConfigured", options.Seed is not null);
            json.WriteBoolean("adminTokenRequired", adminTokenRequired);
            json.WriteString("version", typeof(LivePageSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            json.WriteStartObject("journal");
            json.WriteNumber("capacity", journal.Capacity);
            json.WriteNumber("count", journal.Count);
            json.WriteNumber("totalRecorded", journal.TotalRecorded);
            json.WriteNumber("lastId", journal.LastId);
            json.WriteEndObject();
            json.WriteStartObject("settings");
            foreach (var property in Options)
            {
                json.WritePropertyName(property.Name);
                WriteValue(json, property.Name, property.GetValue(options));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (name)
        {
            case nameof(ChatMockOptions.AdminToken):
                json.WriteStringValue(string.IsNullOrEmpty(value as string) ? "(not set)" : "(set, not shown)");
                return;
            case nameof(ChatMockOptions.Users) when value is IDictionary users:
                // The user names are no secret and say who may call; their passwords are.
                json.WriteStartArray();
                foreach (var user in users.Keys.Cast<object>().Select(k => k.ToString()).Order(StringComparer.Ordinal))
                {
                    json.WriteStringValue(user + ":(password not shown)");
                }

                json.WriteEndArray();
                return;
            case nameof(ChatMockOptions.Tickets) or nameof(ChatMockOptions.BearerTokens) when value is ICollection secrets:
                json.WriteStringValue(secrets.Count == 0 ? "(none)" : $"({secrets.Count} set, not shown)");
                return;
            default:
                JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object), SerializerOptions);
                return;
        }
    }

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
