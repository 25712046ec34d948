using System.Globalization;

namespace ChatMock.Protocol;

/// <summary>
/// The <c>Prefer</c> header, for front-end work: <c>code=503</c> forces a documented error answer,
/// <c>delay=1500</c> waits that many milliseconds first, <c>fault=drop</c> closes the connection without an answer.
/// Preferences are separated by commas or semicolons: <c>Prefer: code=500, delay=200</c>.
/// </summary>
internal sealed class PreferHeader
{
    /// <summary>The status codes <c>Prefer: code=</c> can force, each with the envelope ChatMock answers.</summary>
    public static readonly int[] ForcibleCodes = [400, 401, 404, 500, 503];

    public const int MaxDelayMilliseconds = 600_000;

    // The usual request has no Prefer header; its preferences are none, and nothing outside changes them.
    private static readonly PreferHeader None = new();

    public int? Code { get; private set; }

    public int? DelayMilliseconds { get; private set; }

    public bool Drop { get; private set; }

    /// <summary>Reads the header; false with a reason when a ChatMock preference has a value it cannot honour.</summary>
    public static bool TryParse(string? header, out PreferHeader prefer, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            prefer = None;
            return true;
        }

        prefer = new PreferHeader();

        foreach (var item in header.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var name = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim().Trim('"');
            if (name.Equals("code", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || !ForcibleCodes.Contains(code))
                {
                    problem = $"Prefer: code={Engine.Echo.Of(value)} cannot be forced; use one of {string.Join(", ", ForcibleCodes)}.";
                    return false;
                }

                prefer.Code = code;
            }
            else if (name.Equals("delay", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var delay) || delay > MaxDelayMilliseconds)
                {
                    problem = $"Prefer: delay={Engine.Echo.Of(value)} is not a delay ChatMock takes; give milliseconds from 0 to {MaxDelayMilliseconds}.";
                    return false;
                }

                prefer.DelayMilliseconds = delay;
            }
            else if (name.Equals("fault", StringComparison.OrdinalIgnoreCase))
            {
                if (!value.Equals("drop", StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"Prefer: fault={Engine.Echo.Of(value)} is not a fault ChatMock knows; use fault=drop.";
                    return false;
                }

                prefer.Drop = true;
            }
        }

        return true;
    }
}
