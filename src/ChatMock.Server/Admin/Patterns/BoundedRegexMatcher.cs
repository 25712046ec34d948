using System.Text.RegularExpressions;
using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Models;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// A regular expression matcher for WireMock.Net with a short match timeout. WireMock.Net's own
/// <see cref="RegexMatcher"/> waits up to ten seconds (or for ever, with its extended syntax) and turns a timeout into
/// a quiet mismatch; a verification must instead say that its pattern backtracks (<see cref="PatternException"/>).
/// </summary>
internal sealed class BoundedRegexMatcher : IStringMatcher, IIgnoreCaseMatcher
{
    /// <summary>How long one match may take before the pattern is refused as backtracking.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex _regex;
    private readonly string _pattern;

    /// <summary>Compiles <paramref name="pattern"/>; a pattern that is not a regular expression throws <see cref="ArgumentException"/>.</summary>
    public BoundedRegexMatcher(string pattern, bool ignoreCase = false, MatchBehaviour matchBehaviour = MatchBehaviour.AcceptOnMatch)
    {
        _pattern = pattern;
        IgnoreCase = ignoreCase;
        MatchBehaviour = matchBehaviour;
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _regex = new Regex(pattern, options, Timeout);
    }

    public string Name => nameof(RegexMatcher);

    public MatchBehaviour MatchBehaviour { get; }

    public bool IgnoreCase { get; }

    public MatchOperator MatchOperator => MatchOperator.Or;

    /// <summary>Returns a whole-value pattern: <paramref name="pattern"/> anchored at both ends.</summary>
    public static string Whole(string pattern) => "^(?:" + pattern + ")$";

    public MatchResult IsMatch(string? input)
    {
        if (input is null)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        try
        {
            var matched = _regex.IsMatch(input);
            return MatchResult.From(Name, MatchBehaviour == MatchBehaviour.RejectOnMatch ? MatchScores.ToScore(!matched) : MatchScores.ToScore(matched));
        }
        catch (RegexMatchTimeoutException ex)
        {
            return MatchResult.From(Name, MatchScores.Mismatch, ex);
        }
    }

    public AnyOf<string, StringPattern>[] GetPatterns() => [_pattern];

    public string GetCSharpCodeArguments() => $"\"{_pattern}\"";
}
