using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ChatMock.Server;

/// <summary>
/// Binds <see cref="ChatMockOptions"/> from configuration with <see cref="ConfigurationBinder"/>
/// (<see cref="BinderOptions.ErrorOnUnknownConfiguration"/> on, so a typo is refused rather than ignored), then
/// validates the DataAnnotations of the options, and reports every problem at once.
/// </summary>
/// <remarks>
/// The binder stops at its first problem, so each key of the section is bound on its own and the problems are
/// collected. A list is given item by item (<c>ChatMock:Tickets:0</c>) or as one comma-separated value
/// (<c>ChatMock__Tickets=a,b</c>); a list that is given replaces its default.
/// </remarks>
internal static class ChatMockOptionsBinder
{
    private static readonly PropertyInfo[] Settings = typeof(ChatMockOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToArray();

    public static ChatMockOptions Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new ChatMockOptions();
        var errors = new List<string>();

        foreach (var entry in section.GetChildren())
        {
            var setting = Settings.FirstOrDefault(p => string.Equals(p.Name, entry.Key, StringComparison.OrdinalIgnoreCase));
            if (setting?.GetValue(options) is List<string> list)
            {
                list.Clear();
            }

            try
            {
                Alone(section, entry, setting).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException)
            {
                errors.Add(setting is null
                    ? $"'{entry.Path}' is not a ChatMock setting; the settings are {string.Join(", ", Settings.Select(p => p.Name))}."
                    : string.Create(CultureInfo.InvariantCulture, $"'{entry.Path}' must be {Describe(setting.PropertyType)}; '{entry.Value}' is not."));
            }
        }

        try
        {
            options.Validate();
        }
        catch (ChatMockOptionsException ex)
        {
            errors.AddRange(ex.Errors);
        }

        return errors.Count == 0 ? options : throw new ChatMockOptionsException(errors);
    }

    // A section holding only this entry, with a comma-separated list spelt out item by item.
    private static IConfigurationSection Alone(IConfigurationSection section, IConfigurationSection entry, PropertyInfo? setting)
    {
        var values = entry.AsEnumerable(makePathsRelative: false).ToList();
        if (setting?.PropertyType == typeof(List<string>) && entry.Value is { } joined)
        {
            values = joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select((item, index) => new KeyValuePair<string, string?>(ConfigurationPath.Combine(entry.Path, index.ToString(CultureInfo.InvariantCulture)), item))
                .ToList();
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(section.Path);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(bool) ? "true or false"
            : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
            : "a " + type.Name;
    }
}
