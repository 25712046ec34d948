using System.Globalization;
using ChatMock.Journal;

namespace ChatMock.Testing;

/// <summary>How failure messages show calls: one line each, with the reasons they did not match.</summary>
internal static class CallText
{
    public const int Shown = 5;
    public const string Indent = "    ";

    /// <summary>Writes <c>#2 POST /api/v1/Agents/Chat/AddChatMessage -> 200</c>.</summary>
    public static string Line(RecordedCall call) => string.Create(
        CultureInfo.InvariantCulture,
        $"#{call.Id} {call.Request.Method} {call.Request.Path}{call.Request.QueryString} -> {call.Response.StatusCode}");

    public static string Line(RecordedCall call, IReadOnlyList<string> reasons) =>
        reasons.Count == 0 ? Line(call) : Line(call) + ": " + string.Join("; ", reasons);

    /// <summary>Writes the calls that match, at most <see cref="Shown"/>, one per line.</summary>
    public static void AppendCalls(List<string> lines, IReadOnlyList<RecordedCall> calls)
    {
        foreach (var call in calls.Take(Shown))
        {
            lines.Add(Indent + Line(call));
        }

        AppendMore(lines, calls.Count);
    }

    /// <summary>
    /// Writes the calls that come closest to <paramref name="pattern"/> (fewest failed conditions, then oldest first),
    /// each with why it did not match.
    /// </summary>
    public static void AppendNearest(List<string> lines, IReadOnlyList<RecordedCall> candidates, CallPattern pattern)
    {
        var ranked = candidates
            .Select(call => (Call: call, Mismatch: pattern.Mismatch(call)))
            .OrderBy(c => c.Mismatch.Failed)
            .ThenBy(c => c.Call.Id)
            .ToList();
        foreach (var (call, mismatch) in ranked.Take(Shown))
        {
            lines.Add(Indent + Line(call, mismatch.Reasons));
        }

        AppendMore(lines, ranked.Count);
    }

    public static string Count(long count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    /// <summary>Says how many calls there were to look at.</summary>
    public static string Received(JournalSnapshot snapshot) =>
        snapshot.Calls.Count == 0 ? "no calls received" : Count(snapshot.Calls.Count, "call", "calls") + " received";

    /// <summary>Adds a note when the journal dropped calls the test may be looking for.</summary>
    public static void AppendDropped(List<string> lines, JournalSnapshot snapshot)
    {
        if (snapshot.Dropped > 0)
        {
            var what = snapshot.Dropped == 1
                ? "its oldest call"
                : string.Create(CultureInfo.InvariantCulture, $"its {snapshot.Dropped} oldest calls");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  The journal dropped {what}: it keeps {snapshot.Capacity} (JournalCapacity)."));
        }
    }

    private static void AppendMore(List<string> lines, int count)
    {
        if (count > Shown)
        {
            lines.Add(Indent + string.Create(CultureInfo.InvariantCulture, $"... and {count - Shown} more"));
        }
    }
}
