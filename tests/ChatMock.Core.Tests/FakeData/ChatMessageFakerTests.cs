using ChatMock.FakeData;

namespace ChatMock.Core.Tests.FakeData;

public sealed class ChatMessageFakerTests
{
    [Test]
    public void Generate_Gives_Same_Message_For_Same_Seed()
    {
        // Act
        var first = ChatMessageFaker.Generate(1234);
        var second = ChatMessageFaker.Generate(1234);

        // Assert
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Generate_Writes_Chat_Like_Text_Never_Lorem_Ipsum()
    {
        // Act
        var texts = Enumerable.Range(0, 2_000).Select(seed => ChatMessageFaker.Generate(seed).Message!).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(texts, Has.None.Match(@"(?i)\b(lorem|ipsum|dolor|amet)\b"));
            Assert.That(texts, Has.All.Not.Empty);
            Assert.That(texts.Distinct().Count(), Is.GreaterThan(1_000));
        });
    }

    [Test]
    public void Generate_Matches_SpecialParam_To_SpecialType()
    {
        // Act
        var messages = Enumerable.Range(0, 5_000).Select(seed => ChatMessageFaker.Generate(seed)).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(messages.Where(m => m.SpecialType == "Url"), Has.All.Property("SpecialParam").StartsWith("https://"));
            Assert.That(messages.Where(m => m.SpecialType == "Options"), Has.All.Property("SpecialParam").StartsWith("[\""));
            Assert.That(messages.Where(m => m.SpecialType == "None"), Has.All.Property("Type").AnyOf("ToCustomer", "ToUser"));
            Assert.That(messages.Where(m => m.SpecialType != "None"), Has.All.Property("Type").EqualTo("Special"));
            Assert.That(messages, Has.All.Property("ReadByCustomer").AnyOf(0, 1));
        });
    }
}
