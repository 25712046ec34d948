using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ChatMock.Server;

/// <summary>
/// Binds <see cref="ChatMockOptions"/> from configuration and reports every problem at once: values that do not
/// convert, keys that name no setting (a typo would otherwise be ignored silently), and values out of range.
/// </summary>
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
            if (setting is null)
            {
                errors.Add($"'{entry.Path}' is not a ChatMock setting; the settings are {string.Join(", ", Settings.Select(p => p.Name))}.");
                continue;
            }

            if (setting.PropertyType == typeof(Dictionary<string, string>))
            {
                var dictionary = (Dictionary<string, string>)setting.GetValue(options)!;
                foreach (var pair in entry.GetChildren())
                {
                    dictionary[pair.Key] = pair.Value ?? string.Empty;
                }

                continue;
            }

            if (setting.PropertyType == typeof(List<string>))
            {
                // A list is given item by item (ChatMock:Tickets:0) or as one comma-separated value (ChatMock__Tickets=a,b).
                var list = (List<string>)setting.GetValue(options)!;
                list.Clear();
                var items = entry.Value is { } joined
                    ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : entry.GetChildren().Select(c => c.Value).OfType<string>();
                list.AddRange(items);
                continue;
            }

            if (entry.Value is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(setting.PropertyType) ?? setting.PropertyType;
            if (entry.Value.Length == 0 && type != typeof(string))
            {
                setting.SetValue(options, null);
                continue;
            }

            try
            {
                setting.SetValue(options, TypeDescriptor.GetConverter(type).ConvertFromInvariantString(entry.Value));
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"'{entry.Path}' must be {Describe(type)}; '{entry.Value}' is not."));
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

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : "a " + type.Name;
}
