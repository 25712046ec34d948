using System.Globalization;
using ChatMock.Engine;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Server.Page;

/// <summary>The page's query strings: each takes one parameter at most, a count from 1 to a most.</summary>
internal static class LivePageQuery
{
    /// <summary>
    /// Reads <paramref name="query"/>: nothing (then <paramref name="count"/> is <paramref name="fallback"/>), or
    /// <paramref name="parameter"/> once, a whole number from 1 to <paramref name="most"/>; otherwise
    /// <paramref name="problem"/> says what is wrong, what was sent shown cut and without control characters.
    /// </summary>
    /// <param name="query">The request's query.</param>
    /// <param name="parameter">The one parameter taken, such as <c>keep</c>.</param>
    /// <param name="what">What it counts, in the plural, such as <c>calls</c>.</param>
    /// <param name="fallback">The count when the parameter is not sent.</param>
    /// <param name="most">The largest count taken.</param>
    /// <param name="count">The count read, or <paramref name="fallback"/>.</param>
    /// <param name="problem">What is wrong with the query; null when nothing is.</param>
    /// <returns>Whether the query is as the page sends it.</returns>
    public static bool TryReadCount(IQueryCollection query, string parameter, string what, int fallback, int most, out int count, out string? problem)
    {
        count = fallback;
        problem = null;
        foreach (var (name, values) in query)
        {
            if (!string.Equals(name, parameter, StringComparison.OrdinalIgnoreCase))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"The query parameter '{Echo.Of(name)}' is not known here; this takes {parameter}=<{what}> (1 to {most}).");
                return false;
            }

            if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > most)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{parameter} must be a number of {what} from 1 to {most}; it was '{Echo.Of(values.ToString())}'.");
                return false;
            }
        }

        return true;
    }
}
