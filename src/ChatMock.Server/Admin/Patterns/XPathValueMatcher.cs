using System.Xml;
using System.Xml.XPath;
using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Models;

namespace ChatMock.Server.Admin.Patterns;

/// <summary>
/// WireMock's <c>matchesXPath</c> with a nested value pattern: the body matches when the text of a node the
/// expression selects matches it. Without a nested pattern WireMock.Net's <see cref="XPathMatcher"/> is used.
/// </summary>
internal sealed class XPathValueMatcher(string expression, ValuePattern nested) : IStringMatcher
{
    public string Name => nameof(XPathValueMatcher);

    public MatchBehaviour MatchBehaviour => MatchBehaviour.AcceptOnMatch;

    public MatchOperator MatchOperator => MatchOperator.Or;

    public MatchResult IsMatch(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        var values = new List<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(input), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var navigator = new XPathDocument(reader).CreateNavigator();
            var result = navigator.Evaluate(expression);
            if (result is XPathNodeIterator nodes)
            {
                while (nodes.MoveNext())
                {
                    values.Add(nodes.Current!.Value);
                }
            }
            else if (result is not null)
            {
                values.Add(Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }
        catch (Exception ex) when (ex is XmlException or XPathException)
        {
            return MatchResult.From(Name, MatchScores.Mismatch);
        }

        foreach (var value in values)
        {
            var result = nested.Evaluate(value);
            if (result.Exception is not null || result.IsPerfect())
            {
                return result;
            }
        }

        return MatchResult.From(Name, MatchScores.Mismatch);
    }

    public AnyOf<string, StringPattern>[] GetPatterns() => [expression];

    public string GetCSharpCodeArguments() => string.Empty;
}
