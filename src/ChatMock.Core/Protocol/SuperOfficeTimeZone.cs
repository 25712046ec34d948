using System.Globalization;

namespace ChatMock.Protocol;

/// <summary>
/// The <c>SO-TimeZone</c> header: a SuperOffice time-zone code (<c>NO</c>, <c>US-NY</c>) or numeric id (<c>261</c>),
/// optionally followed by <c>, includeTZOffset</c>. SuperOffice's codes are its own, based on country and region,
/// not Windows or IANA names; ChatMock maps the common ones to IANA zones.
/// </summary>
internal sealed class SuperOfficeTimeZone
{
    // Codes with the numeric ids SuperOffice documents (UTC=1, DK=140, FR=156, NO=261, US-CA=425, US-NY=460); the
    // other codes follow the same country/region scheme, and their numeric ids are not documented, so none is given.
    private static readonly (string Code, int? Id, string Iana)[] Zones =
    [
        ("UTC", 1, "Etc/UTC"),
        ("NO", 261, "Europe/Oslo"),
        ("SE", null, "Europe/Stockholm"),
        ("DK", 140, "Europe/Copenhagen"),
        ("FI", null, "Europe/Helsinki"),
        ("IS", null, "Atlantic/Reykjavik"),
        ("DE", null, "Europe/Berlin"),
        ("FR", 156, "Europe/Paris"),
        ("ES", null, "Europe/Madrid"),
        ("IT", null, "Europe/Rome"),
        ("NL", null, "Europe/Amsterdam"),
        ("BE", null, "Europe/Brussels"),
        ("PL", null, "Europe/Warsaw"),
        ("GB", null, "Europe/London"),
        ("IE", null, "Europe/Dublin"),
        ("US-NY", 460, "America/New_York"),
        ("US-IL", null, "America/Chicago"),
        ("US-CO", null, "America/Denver"),
        ("US-CA", 425, "America/Los_Angeles"),
    ];

    private SuperOfficeTimeZone(string code, TimeZoneInfo zone, bool includeOffset)
    {
        Code = code;
        Zone = zone;
        IncludeOffset = includeOffset;
    }

    public string Code { get; }

    public TimeZoneInfo Zone { get; }

    public bool IncludeOffset { get; }

    /// <summary>The codes ChatMock knows, with their numeric ids where SuperOffice documents one.</summary>
    public static string KnownCodes => string.Join(", ", Zones.Select(z => z.Id is { } id ? $"{z.Code} ({id})" : z.Code));

    /// <summary>Reads the header; false when it names no zone ChatMock knows.</summary>
    public static bool TryParse(string header, out SuperOfficeTimeZone? timeZone)
    {
        timeZone = null;
        var parts = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            return false;
        }

        var includeOffset = false;
        if (parts.Length == 2)
        {
            if (!parts[1].Equals("includeTZOffset", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            includeOffset = true;
        }

        var isId = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        foreach (var zone in Zones)
        {
            if (isId ? zone.Id == id : zone.Code.Equals(parts[0], StringComparison.OrdinalIgnoreCase))
            {
                timeZone = new SuperOfficeTimeZone(zone.Code, TimeZoneInfo.FindSystemTimeZoneById(zone.Iana), includeOffset);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes an instant in this zone: local time without an offset (<c>2018-12-24T12:34:45</c>), or with one when
    /// <c>includeTZOffset</c> was asked for (<c>2018-12-24T07:34:45-0500</c>), as SuperOffice writes them.
    /// </summary>
    public string Format(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var text = local.DateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture);
        if (!IncludeOffset)
        {
            return text;
        }

        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{text}{sign}{offset.Hours:00}{offset.Minutes:00}");
    }
}
