using ChatMock.Protocol;

namespace ChatMock.Core.Tests.Protocol;

/// <summary>The header readers built on ASP.NET Core's parsers keep ChatMock's rules.</summary>
public class HeaderParsingTests
{
    [TestCase("Basic dXNlcjpwYXNz", "Basic", "dXNlcjpwYXNz")]
    [TestCase("  SOTicket   7T:abc==  ", "SOTicket", "7T:abc==")]
    [TestCase("Bearer", "Bearer", "")]
    public void AuthorizationHeader_TrySplit_Separates_Scheme_And_Credentials(string value, string scheme, string credentials)
    {
        // Arrange // Act
        var split = AuthorizationHeader.TrySplit(value, out var actualScheme, out var actualCredentials);

        // Assert
        Assert.That(split, Is.True);
        Assert.That((actualScheme, actualCredentials), Is.EqualTo((scheme, credentials)));
    }

    [TestCase("")]
    [TestCase("Bä sic")]
    public void AuthorizationHeader_TrySplit_When_No_Scheme_Returns_False(string value)
    {
        // Arrange // Act
        var split = AuthorizationHeader.TrySplit(value, out _, out _);

        // Assert
        Assert.That(split, Is.False);
    }

    [TestCase("application/xml;q=0.5, application/json;q=0.9", false)]
    [TestCase("application/json;q=abc, text/xml", true)]
    [TestCase("application/json;q=2, application/xml;q=0.1", true)]
    [TestCase("text/xml;q=0, application/json", false)]
    public void ContentNegotiation_Negotiate_Ranks_By_Quality_And_Refuses_Bad_Ones(string accept, bool isXml)
    {
        // Arrange // Act
        var format = ContentNegotiation.Negotiate(accept, null);

        // Assert
        Assert.That(format?.IsXml, Is.EqualTo(isXml));
    }

    [TestCase("application/json;q=0, text/xml;q=0")]
    [TestCase("image/png")]
    public void ContentNegotiation_Negotiate_When_Nothing_Acceptable_Returns_Null(string accept)
    {
        // Arrange // Act
        var format = ContentNegotiation.Negotiate(accept, null);

        // Assert
        Assert.That(format, Is.Null);
    }

    [TestCase("de;q=0.4, sv;q=0.8, xx", "sv")]
    [TestCase("xx, fr-CA;q=0.5", "fr_CA")]
    [TestCase("nb;q=0, de", "de")]
    [TestCase("qq;q=1", "en")]
    public void FakeDataLocale_Choose_Takes_The_Best_Known_Language(string acceptLanguage, string locale)
    {
        // Arrange // Act
        var chosen = FakeDataLocale.Choose(null, acceptLanguage);

        // Assert
        Assert.That(chosen, Is.EqualTo(locale));
    }

    [TestCase("?$select=Message,author&x=1", "Message,author")]
    [TestCase("%24select=Type%2CAuthor", "Type,Author")]
    [TestCase("$SELECT=a+b", "a b")]
    [TestCase("$select", "")]
    public void SelectQuery_QueryValue_Reads_The_Decoded_Value(string query, string value)
    {
        // Arrange // Act
        var actual = SelectQuery.QueryValue(query, "$select");

        // Assert
        Assert.That(actual, Is.EqualTo(value));
    }
}
