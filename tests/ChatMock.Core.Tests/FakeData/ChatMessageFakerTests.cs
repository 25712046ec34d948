using ChatMock.FakeData;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.FakeData;

public sealed class ChatMessageFakerTests
{
    [Test]
    public void MessageFor_Gives_Same_Message_For_Same_Seed_From_Separate_Tables()
    {
        // Arrange: two fakers with empty tables, so each makes its message with Bogus rather than reading one slot twice.
        var one = new ChatMessageFaker();
        var other = new ChatMessageFaker();

        // Act
        var first = one.MessageFor(1234, "de");
        var second = other.MessageFor(1234, "de");
        var othersSeeds = Enumerable.Range(1235, 8).Select(seed => other.MessageFor(seed, "de")).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second, Is.Not.SameAs(first));
            Assert.That(othersSeeds, Has.Some.Not.EqualTo(first), "other seeds give other messages");
            Assert.That(ChatMessageFaker.Generate(1234, "de"), Is.EqualTo(first));
        });
    }

    [Test]
    public void MessageFor_Gives_What_Bogus_Makes_From_The_Entry_Index()
    {
        // Arrange: seeds below, above and across the table, negative ones too; the plain path runs on a thread of its own.
        var seeds = Enumerable.Range(-50, 100).Concat(Enumerable.Range(0, 200).Select(i => unchecked(i * -1_640_531_535))).ToArray();
        var table = new ChatMessageFaker();
        ChatMessage[] plain = [];
        var thread = new Thread(() => plain = [.. seeds.Select(seed => ChatMessageFaker.Make(seed & (ChatMessageFaker.MessagesPerLocale - 1), "fr"))]);

        // Act
        thread.Start();
        thread.Join();
        var read = seeds.Select(seed => table.MessageFor(seed, "fr")).ToArray();

        // Assert
        Assert.That(read, Is.EqualTo(plain));
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

    [Test]
    public void MessageFor_Gives_Same_Message_For_Same_Seed_Across_Threads()
    {
        // Arrange: seeds that hit every entry several times, as the engine's mixed seeds do
        var seeds = Enumerable.Range(0, 20_000).Select(i => unchecked(i * -1_640_531_535)).ToArray();
        var sequential = new ChatMessageFaker();
        var parallel = new ChatMessageFaker();
        var expected = seeds.Select(seed => sequential.MessageFor(seed, "de")).ToArray();

        // Act
        var actual = new ChatMessage[seeds.Length];
        Parallel.For(0, seeds.Length, i => actual[i] = parallel.MessageFor(seeds[i], "de"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(seeds.Select(seed => parallel.MessageFor(seed, "de")), Is.EqualTo(actual).Using<ChatMessage>(ReferenceEquals), "everyone gets the instance stored first");
            Assert.That(seeds.Select(seed => ChatMessageFaker.Generate(seed, "de")), Is.EqualTo(expected));
        });
    }

    [Test]
    public void MessageFor_Gives_Same_Entry_For_Seeds_That_Differ_Above_The_Table_Whichever_Came_First()
    {
        // Arrange
        const int seed = 321;
        var filledHigh = new ChatMessageFaker();
        var filledLow = new ChatMessageFaker();
        var aboveTable = seed + (7 * ChatMessageFaker.MessagesPerLocale);

        // Act
        var highFirst = filledHigh.MessageFor(seed + ChatMessageFaker.MessagesPerLocale, "nb_NO");
        var lowFirst = filledLow.MessageFor(seed, "nb_NO");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(highFirst, Is.EqualTo(lowFirst));
            Assert.That(filledHigh.MessageFor(seed, "nb_NO"), Is.SameAs(highFirst));
            Assert.That(filledLow.MessageFor(aboveTable, "nb_NO"), Is.SameAs(lowFirst));
            Assert.That(filledLow.MessageFor(seed - ChatMessageFaker.MessagesPerLocale, "nb_NO"), Is.SameAs(lowFirst), "a negative seed picks an entry too");
            Assert.That(ChatMessageFaker.Generate(aboveTable, "nb_NO"), Is.EqualTo(lowFirst));
        });
    }

    [Test]
    public void Generate_Makes_Messages_Per_Locale()
    {
        // Act
        var french = Enumerable.Range(0, 200).Select(seed => ChatMessageFaker.Generate(seed, "fr")).ToList();
        var japanese = Enumerable.Range(0, 200).Select(seed => ChatMessageFaker.Generate(seed, "ja")).ToList();
        var pairs = french.Zip(japanese).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(pairs.Count(p => p.First.Author != p.Second.Author), Is.GreaterThan(50), "names come from the locale");
            Assert.That(pairs, Has.None.Matches<(ChatMessage First, ChatMessage Second)>(p => ReferenceEquals(p.First, p.Second)), "locales do not share entries");
            Assert.That(japanese.Select(m => m.Author), Has.Some.Match(@"\p{IsCJKUnifiedIdeographs}|\p{IsKatakana}|\p{IsHiragana}"));
        });
    }

    [Test]
    public void Generate_Does_Not_Allocate_Once_The_Entry_Exists()
    {
        // Arrange
        const string locale = "sv";
        for (var seed = 0; seed < 64; seed++)
        {
            ChatMessageFaker.Generate(seed, locale);
            ChatMessageFaker.Generate(seed);
        }

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            ChatMessageFaker.Generate(i % 64, locale);
            ChatMessageFaker.Generate(i % 64);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.That(allocated, Is.Zero);
    }
}
