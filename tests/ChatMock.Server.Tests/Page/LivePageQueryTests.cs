using ChatMock.Server.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatMock.Server.Tests.Page;

/// <summary>The page's query strings: one count at most, refused in words that echo what was sent safely.</summary>
public sealed class LivePageQueryTests
{
    private static QueryCollection Query(string text) => new QueryCollection(QueryHelpers.ParseQuery(text));

    [TestCase("", 7)]
    [TestCase("?keep=1", 1)]
    [TestCase("?KEEP=50", 50)]
    [TestCase("?keep=50", 50)]
    public void A_Count_Sent_Or_Left_Out_Is_Read(string query, int expected)
    {
        // Act
        var read = LivePageQuery.TryReadCount(Query(query), "keep", "calls", 7, 50, out var count, out var problem);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(count, Is.EqualTo(expected));
            Assert.That(problem, Is.Null);
        });
    }

    [TestCase("?keep=0", "keep must be a number of calls from 1 to 50; it was '0'.")]
    [TestCase("?keep=51", "keep must be a number of calls from 1 to 50; it was '51'.")]
    [TestCase("?keep=-1", "keep must be a number of calls from 1 to 50; it was '-1'.")]
    [TestCase("?keep=1&keep=2", "keep must be a number of calls from 1 to 50; it was '1,2'.")]
    [TestCase("?since=3", "The query parameter 'since' is not known here; this takes keep=<calls> (1 to 50).")]
    public void A_Query_The_Page_Does_Not_Send_Is_Refused_In_Words(string query, string expected)
    {
        // Act
        var read = LivePageQuery.TryReadCount(Query(query), "keep", "calls", 7, 50, out _, out var problem);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.False);
            Assert.That(problem, Is.EqualTo(expected));
        });
    }

    [Test]
    public void What_Was_Sent_Is_Echoed_Cut_And_Without_Control_Characters()
    {
        // Arrange: a name of 5,000 characters with a line break, and a value with a tab.
        var name = "x\n" + new string('y', 5_000);
        var query = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [name] = "1" });
        var value = Query("?keep=" + Uri.EscapeDataString("1\t2"));

        // Act
        LivePageQuery.TryReadCount(query, "keep", "calls", 7, 50, out _, out var nameProblem);
        LivePageQuery.TryReadCount(value, "keep", "calls", 7, 50, out _, out var valueProblem);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(nameProblem, Does.StartWith("The query parameter 'x\\u000ayyy"));
            Assert.That(nameProblem, Does.Contain("…'"));
            Assert.That(nameProblem!.Length, Is.LessThan(300));
            Assert.That(valueProblem, Does.Contain("it was '1\\u00092'"));
        });
    }
}
