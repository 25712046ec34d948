using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ChatMock.Benchmarks;

/// <summary>
/// Counts the collector's collections by generation and reason, from the runtime's own events in this process
/// (<c>CHATMOCK_GC_REASONS=1</c> with <c>hostloop</c> or <c>profile</c>): what made a gen1 or gen2 collection happen.
/// </summary>
internal sealed class GcReasons : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // The runtime's GC reasons (ETW's GCReason), by number.
    private static readonly string[] ReasonNames =
    [
        "AllocSmall", "Induced", "LowMemory", "Empty", "AllocLarge", "OutOfSpaceSmall", "OutOfSpaceLarge",
        "InducedNotForced", "Internal", "InducedLowMemory", "InducedCompacting", "LowMemoryHost", "PMFullGC",
        "LowMemoryHostBlocking", "BGCTuning", "Aggressive",
    ];

    private readonly ConcurrentDictionary<string, int> _counts = new();
    private long _promoted0;
    private long _promoted1;

    /// <summary>Gets a listener when <c>CHATMOCK_GC_REASONS</c> is 1, or null.</summary>
    public static GcReasons? StartIfAsked() => Environment.GetEnvironmentVariable("CHATMOCK_GC_REASONS") == "1" ? new GcReasons() : null;

    /// <summary>The counts since the last call, as <c>gen1 AllocSmall ×3, ...</c>, and starts again.</summary>
    public string Take()
    {
        var text = string.Join(", ", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} x{p.Value}")));
        text += string.Create(CultureInfo.InvariantCulture, $"; promoted out of gen0 {Interlocked.Exchange(ref _promoted0, 0) / 1024} KB, out of gen1 {Interlocked.Exchange(ref _promoted1, 0) / 1024} KB");
        _counts.Clear();
        return text;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
        {
            // TotalPromotedSize0 is what the collection moved out of gen0; 1, out of gen1 (0 when gen1 was not collected).
            Interlocked.Add(ref _promoted0, Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("TotalPromotedSize0")], CultureInfo.InvariantCulture));
            Interlocked.Add(ref _promoted1, Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("TotalPromotedSize1")], CultureInfo.InvariantCulture));
            return;
        }

        if (!name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            return;
        }

        var depth = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("Depth")], CultureInfo.InvariantCulture);
        var reason = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("Reason")], CultureInfo.InvariantCulture);
        var type = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("Type")], CultureInfo.InvariantCulture);
        var key = string.Create(CultureInfo.InvariantCulture, $"gen{depth} {(reason < ReasonNames.Length ? ReasonNames[reason] : reason.ToString(CultureInfo.InvariantCulture))}{(type == 1 ? " background" : string.Empty)}");
        _counts.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }
}
