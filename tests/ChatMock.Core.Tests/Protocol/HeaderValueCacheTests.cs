using ChatMock.Protocol;

namespace ChatMock.Core.Tests.Protocol;

public sealed class HeaderValueCacheTests
{
    [Test]
    public void Equal_Values_In_New_Strings_Are_Computed_Once()
    {
        // Arrange
        var cache = new HeaderValueCache<string>();
        var computed = 0;
        string Compute(string? first, string? second)
        {
            computed++;
            return $"{first}|{second}";
        }

        // Act: a host hands over a new string instance on every call.
        var answers = Enumerable.Range(0, 5)
            .Select(_ => cache.GetOrAdd(new string("fr,de".AsSpan()), new string("ru".AsSpan()), Compute))
            .ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.All.EqualTo("fr,de|ru"));
            Assert.That(answers.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1), "the same instance every time");
            Assert.That(computed, Is.EqualTo(1));
        });
    }

    [Test]
    public void Many_Values_Each_Get_Their_Own_Answer()
    {
        // Arrange: more values than the cache keeps, many sharing a slot of the recent-values front.
        var cache = new HeaderValueCache<string>();
        var values = Enumerable.Range(0, HeaderValueCache<string>.Capacity * 2).Select(i => $"value-{i}").ToList();

        // Act: twice over, so that the second pass reads what the first left behind.
        var answers = values.Concat(values).Select(v => cache.GetOrAdd(v, null, static (first, _) => first!.ToUpperInvariant())).ToList();

        // Assert
        Assert.That(answers, Is.EqualTo(values.Concat(values).Select(v => v.ToUpperInvariant())));
    }

    [Test]
    public void Long_Values_Are_Computed_Every_Time()
    {
        // Arrange
        var cache = new HeaderValueCache<int>();
        var computed = 0;
        var value = new string('a', 300);

        // Act
        cache.GetOrAdd(value, null, (_, _) => ++computed);
        cache.GetOrAdd(value, null, (_, _) => ++computed);

        // Assert
        Assert.That(computed, Is.EqualTo(2));
    }
}
