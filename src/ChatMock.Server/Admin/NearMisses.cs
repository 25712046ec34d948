namespace ChatMock.Server.Admin;

/// <summary>
/// Picks near misses as WireMock does: of the candidates a pattern does not match exactly (distance above 0), the
/// nearest, at most <see cref="Count"/>.
/// </summary>
internal static class NearMisses
{
    /// <summary>How many near misses are answered at most.</summary>
    public const int Count = 3;

    /// <summary>Returns the nearest misses with their distances, nearest first; of equal distances, the one given first.</summary>
    /// <exception cref="Patterns.PatternException">A regular expression of the pattern backtracks.</exception>
    public static List<(T Candidate, double Distance)> Nearest<T>(IEnumerable<T> candidates, Func<T, double> distance) =>
        [.. candidates.Select(c => (Candidate: c, Distance: distance(c))).Where(s => s.Distance > 0).OrderBy(s => s.Distance).Take(Count)];
}
