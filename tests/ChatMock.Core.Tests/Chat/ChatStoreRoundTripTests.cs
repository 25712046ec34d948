using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using ChatMock.Carriers;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Core.Tests.Chat;

/// <summary>
/// The store keeps messages as bytes: what it gives back must equal what it was given, for every property of the
/// carrier (taken from <see cref="Carrier.Properties"/>), null and empty strings, long texts and any Unicode.
/// </summary>
public sealed class ChatStoreRoundTripTests
{
    private const int Seed = 20261203;

    /// <summary>Texts of many kinds: each case a function of the seeded random.</summary>
    private static readonly Func<Random, string?>[] TextKinds =
    [
        _ => null,
        _ => string.Empty,
        _ => " ",
        r => Ascii(r, r.Next(1, 40)),
        r => Ascii(r, r.Next(127, 130)),
        r => Ascii(r, r.Next(16_000, 70_000)),
        r => Pick(r, "Grüß Gott, Ærlig talt, på Åndalsnes", "Ça coûte 3 €", "ñandú, über, naïve"),
        r => Pick(r, "こんにちは、請問", "안녕하세요", "Привет, мир", "Γειά σου", "שלום עולם", "مرحبا بالعالم", "नमस्ते"),
        r => Pick(r, "👍🏽 Thanks! 🎉", "👨‍👩‍👧‍👦", "𝕳𝖊𝖑𝖑𝖔", "🇳🇴🇸🇪"),
        r => Pick(r, "e\u0301 combining", "\u200Bzero\u200Dwidth\uFEFF", "\u202Eright to left\u202C"),
        r => Pick(r, "\0 nul inside", "tab\tnew\nline\r\n", "\u0001\u001F\u007F controls"),
        r => Pick(r, "\uD800 lone high", "lone low \uDC00", "\uDBFF\uDBFF twice high", "reversed \uDC00\uD800", "\uD83D"),
        r => Pick(r, "\uFFFD replacement", "\uFFFF\uFFFE noncharacters", "\U0010FFFF the last"),
        RandomUnits,
        RandomCodePoints,
    ];

    private static readonly int?[] Integers = [null, 0, 1, -1, 127, 128, 65_535, int.MaxValue, int.MinValue];

    [Test]
    public void Messages_Of_Stored_Messages_Of_Every_Kind_Returns_Equal_Messages()
    {
        // Arrange
        var random = new Random(Seed);
        var store = NewStore();
        var session = store.AddSession(new ChatSessionEntity { TopicId = 1 }).ChatSessionId!.Value;
        var sent = Enumerable.Range(0, 600).Select(i => RandomMessage(random, i)).ToList();

        // Act
        var stored = sent.Select(message => store.AddMessage(session, _ => message, null, null).Message!).ToList();
        var read = store.Messages(session)!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Has.Count.EqualTo(sent.Count));
            Assert.That(read, Is.EqualTo(stored), "equal records");
            for (var i = 0; i < sent.Count; i++)
            {
                foreach (var property in Carrier.ChatMessage.Properties)
                {
                    Assert.That(property.Get(read[i]), Is.EqualTo(property.Get(stored[i])), $"message {i}, {property.Name}");
                    if (property.Name is not (nameof(ChatMessage.ChatMessageId) or nameof(ChatMessage.ChatSessionId)))
                    {
                        Assert.That(property.Get(read[i]), Is.EqualTo(property.Get(sent[i])), $"message {i}, {property.Name} as sent");
                    }
                }
            }
        });
    }

    [Test]
    public void Messages_After_An_Id_Returns_The_Later_Messages_Equal_To_Those_Stored()
    {
        // Arrange
        var random = new Random(Seed + 1);
        var store = NewStore();
        var session = store.AddSession(new ChatSessionEntity { TopicId = 1 }).ChatSessionId!.Value;
        var stored = Enumerable.Range(0, 200).Select(i => store.AddMessage(session, _ => RandomMessage(random, i), null, null).Message!).ToList();

        // Act
        var last = store.Messages(session, stored[^11].ChatMessageId!.Value)!;
        var none = store.Messages(session, stored[^1].ChatMessageId!.Value)!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(last, Is.EqualTo(stored.TakeLast(10)));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public void Messages_Read_Then_Changed_Leaves_The_Stored_Message_As_It_Was()
    {
        // Arrange
        var store = NewStore();
        var session = store.AddSession(new ChatSessionEntity { TopicId = 1 }).ChatSessionId!.Value;
        var stored = store.AddMessage(session, _ => new ChatMessage { Type = "ToUser", Message = "as stored" }, null, null).Message!;

        // Act
        store.Messages(session)![0].Message = "changed by a reader";
        stored.Message = "changed by the caller";
        var again = store.Messages(session)![0];

        // Assert
        Assert.That(again.Message, Is.EqualTo("as stored"));
    }

    [Test]
    public void Session_Read_Then_Changed_Leaves_The_Stored_Session_As_It_Was()
    {
        // Arrange
        var store = NewStore();
        var added = store.AddSession(new ChatSessionEntity { TopicId = 1, Status = "InQueue", CustomerName = "Kari" });
        var id = added.ChatSessionId!.Value;

        // Act
        added.CustomerName = "changed after adding";
        store.Session(id)!.CustomerName = "changed after reading";
        store.Sessions()[0].CustomerName = "changed in the list";
        store.UpdateSession(id, s => s with { CustomerEmail = "kari@example.com" })!.CustomerName = "changed after updating";
        var again = store.Session(id)!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(again.CustomerName, Is.EqualTo("Kari"));
            Assert.That(again.CustomerEmail, Is.EqualTo("kari@example.com"));
            Assert.That(store.QueuedSessions, Is.EqualTo(1));
        });
    }

    [Test]
    public void AddMessage_With_A_Touch_Changes_The_Stored_Session_And_Not_Those_Read_Before()
    {
        // Arrange
        var store = NewStore();
        var id = store.AddSession(new ChatSessionEntity { TopicId = 1, Status = "InQueue" }).ChatSessionId!.Value;
        var before = store.Session(id)!;

        // Act
        store.AddMessage(id, _ => new ChatMessage { Message = "hello" }, null, (session, message) => session with { Status = "CustomerLast", LastMessage = message.Message, ChatSessionId = 999 });
        var after = store.Session(id)!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new ChatSessionEntity { ChatSessionId = id, TopicId = 1, Status = "InQueue" }));
            Assert.That(after, Is.EqualTo(new ChatSessionEntity { ChatSessionId = id, TopicId = 1, Status = "CustomerLast", LastMessage = "hello" }), "the id is the store's");
            Assert.That(store.QueuedSessions, Is.Zero);
        });
    }

    [Test]
    public void Session_Of_Stored_Sessions_Of_Every_Kind_Returns_Equal_Sessions()
    {
        // Arrange
        var random = new Random(Seed + 3);
        var store = NewStore(maxSessions: 1_000);
        var sent = Enumerable.Range(0, 300).Select(i => (ChatSessionEntity)RandomCarrier(Carrier.ChatSession, random, i) with { ChatSessionId = i + 1 }).ToList();

        // Act
        var added = sent.Select(store.AddSession).ToList();
        var read = sent.Select(s => store.Session(s.ChatSessionId!.Value)).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(sent));
            Assert.That(read, Is.EqualTo(sent));
            Assert.That(store.Sessions(), Is.EqualTo(sent));
        });
    }

    [Test]
    public void Read_Of_Written_Session_Of_Every_Kind_Returns_Every_Property_As_It_Was()
    {
        // Arrange: the session carrier has the kinds a message has not (dates, booleans, nested carriers).
        var random = new Random(Seed + 2);
        var codec = new CarrierCodec<ChatSessionEntity>(Carrier.ChatSession);
        var sessions = Enumerable.Range(0, 300).Select(i => (ChatSessionEntity)RandomCarrier(Carrier.ChatSession, random, i)).ToList();
        var output = new ArrayBufferWriter<byte>();

        // Act
        foreach (var session in sessions)
        {
            codec.Write(session, output);
        }

        var position = 0;
        var read = sessions.Select(_ => codec.Read(output.WrittenSpan, ref position)).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(position, Is.EqualTo(output.WrittenCount), "every byte read");
            for (var i = 0; i < sessions.Count; i++)
            {
                foreach (var property in Carrier.ChatSession.Properties)
                {
                    Assert.That(Comparable(property.Get(read[i])), Is.EqualTo(Comparable(property.Get(sessions[i]))), $"session {i}, {property.Name}");
                }
            }
        });
    }

    private static InMemoryChatStore NewStore(int maxSessions = 10) => new(new ChatStoreLimits(maxSessions, 10_000, 100_000), 1, []);

    private static ChatMessage RandomMessage(Random random, int index) => (ChatMessage)RandomCarrier(Carrier.ChatMessage, random, index);

    /// <summary>A carrier with a value of its kind in every property: in turn each text kind, then at random.</summary>
    private static object RandomCarrier(Carrier carrier, Random random, int index)
    {
        var value = carrier.Create();
        var slot = 0;
        foreach (var property in carrier.Properties)
        {
            var pick = (index + slot++) % TextKinds.Length;
            object? made = property.Kind switch
            {
                CarrierValueKind.Text => TextKinds[index < TextKinds.Length * 4 ? pick : random.Next(TextKinds.Length)](random),
                CarrierValueKind.Integer => random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : Integers[random.Next(Integers.Length)],
                CarrierValueKind.Boolean => Pick<bool?>(random, null, false, true),
                CarrierValueKind.DateTime => random.Next(5) == 0 ? null : new DateTimeOffset(
                    random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
                    TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1))),
                _ => random.Next(4) == 0 ? null : new JsonObject { ["Id"] = random.Next(), ["Name"] = TextKinds[random.Next(3, 11)](random), ["List"] = new JsonArray(1, "two", null, true) },
            };
            property.Metadata.Set!(value, made);
        }

        return value;
    }

    /// <summary>A value as compared: nested carriers by their JSON, dates with their offset.</summary>
    private static object? Comparable(object? value) => value switch
    {
        JsonNode node => node.ToJsonString(),
        DateTimeOffset time => (time.Ticks, time.Offset),
        _ => value,
    };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static string Ascii(Random random, int length) => string.Create(length, random, static (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)r.Next(0x20, 0x7F);
        }
    });

    /// <summary>Any UTF-16 code units, lone surrogates included.</summary>
    private static string RandomUnits(Random random) => string.Create(random.Next(0, 300), random, static (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)r.Next(0, 0x10000);
        }
    });

    /// <summary>Any Unicode scalar values, from every plane.</summary>
    private static string RandomCodePoints(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 200); i > 0; i--)
        {
            var scalar = random.Next(0, 0x110000);
            text.Append(Rune.IsValid(scalar) ? new Rune(scalar).ToString() : "?");
        }

        return text.ToString();
    }
}
