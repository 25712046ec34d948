using System.Text;
using ChatMock.Contracts;
using ChatMock.Core.Tests.Support;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Protocol;

namespace ChatMock.Core.Tests.Journal;

/// <summary>
/// The journal keeps calls as the admin API's JSON: what is read back must be what was recorded, field by field, and
/// what the admin API copies from the journal must be what it would write from the call.
/// </summary>
public sealed class RecordedCallJsonTests
{
    [Test]
    public void A_Call_With_Every_Field_Set_Reads_Back_Alike()
    {
        // Arrange
        var call = FullCall();

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call), id: 42);

        // Assert
        AssertAlike(read, call, expectedId: 42);
    }

    [Test]
    public void A_Call_With_Every_Optional_Field_Left_Out_Reads_Back_Alike()
    {
        // Arrange
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "GET", Path = "/" },
            Response = new RecordedResponse { StatusCode = 0 },
        };

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call), id: 1);

        // Assert
        AssertAlike(read, call, expectedId: 1);
        Assert.Multiple(() =>
        {
            Assert.That(read.Operation, Is.Null);
            Assert.That(read.AddChatMessage, Is.Null);
            Assert.That(read.Credentials, Is.Null);
            Assert.That(read.Fault, Is.Null);
            Assert.That(read.Response.ChatMessage, Is.Null);
            Assert.That(read.Request.Body, Is.Empty);
        });
    }

    [Test]
    public void A_Message_With_Null_And_Empty_Fields_Keeps_Them_Apart()
    {
        // Arrange
        var message = new ChatMessage { Type = string.Empty, Message = null, ReadByCustomer = 0, ChatMessageId = null, SpecialParam = "" };
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "POST", Path = "/" },
            AddChatMessage = new AddChatMessageRequest(-5, message),
            Response = new RecordedResponse { StatusCode = 200, ChatMessage = message },
        };

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call), id: 3);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.AddChatMessage, Is.EqualTo(new AddChatMessageRequest(-5, message)));
            Assert.That(read.Response.ChatMessage, Is.EqualTo(message));
        });
    }

    [Test]
    public void A_Body_Given_As_Text_Reads_Back_As_The_Same_Text()
    {
        // Arrange: calls answered by a user's WireMock mapping are recorded with their bodies as text
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "POST", Path = "/mine", Body = "{\"ChatSessionId\": \"ø\"}" },
            Response = new RecordedResponse { StatusCode = 503, Body = "down for maintenance – back soon" },
        };

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call), id: 9);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Request.Body, Is.EqualTo("{\"ChatSessionId\": \"ø\"}"));
            Assert.That(read.Response.Body, Is.EqualTo("down for maintenance – back soon"));
        });
    }

    [Test]
    public void Journal_Gives_Back_Huge_And_Small_Calls_Alike_Whatever_Came_Before_In_Their_Place()
    {
        // Arrange: a place of the ring first holds a large call (the most of a body the journal keeps), then small ones, then a large one again
        var journal = new CallJournal(capacity: 2);
        var huge = FullCall(bodyBytes: 60_000);
        var small = FullCall(bodyBytes: 10);

        // Act
        journal.Record(huge);
        journal.Record(small);
        journal.Record(small);
        journal.Record(huge);
        var calls = journal.GetCalls();

        // Assert
        Assert.That(calls, Has.Count.EqualTo(2));
        AssertAlike(calls[0], small, expectedId: 3);
        AssertAlike(calls[1], huge, expectedId: 4);
        AssertAlike(journal.Find(3)!, small, expectedId: 3);
    }

    [Test]
    public void Journal_Gives_A_New_Copy_On_Every_Read()
    {
        // Arrange
        var journal = new CallJournal(capacity: 4);
        journal.Record(FullCall());

        // Act
        var first = journal.Find(1)!;
        var second = journal.GetCalls()[0];

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.SameAs(first));
            Assert.That(second.Request.Body, Is.EqualTo(first.Request.Body));
            Assert.That(second.Response.ChatMessage, Is.EqualTo(first.Response.ChatMessage));
        });
    }

    [Test]
    public void Kept_Call_Written_With_Its_Id_Is_What_The_Call_Itself_Writes()
    {
        // Arrange: the admin API answers a kept call by copying its JSON behind the id
        var call = FullCall();
        call.Id = 1234567;
        var kept = RecordedCallJson.WriteKept(call).ToArray();

        // Act
        var copied = Json(writer => RecordedCallJson.WriteKept(writer, call.Id, kept));
        var written = Json(writer => RecordedCallJson.Write(writer, call));

        // Assert
        Assert.That(copied, Is.EqualTo(written));
        Assert.That(copied, Does.StartWith("{\"id\":1234567,\"timestamp\":\"2026-11-24T09:11:12.1234567Z\","));
    }

    [Test]
    public void Headers_Sent_Twice_Read_Back_Joined_In_The_Place_Of_The_First()
    {
        // Arrange
        var call = Call(new RecordedRequest
        {
            Method = "GET",
            Path = "/",
            Headers = [new("Accept", "a"), new("X-One", "1"), new("accept", "b"), new("Accept", "c")],
        });

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call));

        // Assert
        Assert.That(read.Request.Headers, Is.EqualTo(new KeyValuePair<string, string>[] { new("Accept", "a, b, c"), new("X-One", "1") }));
    }

    [Test]
    public void Secret_Headers_Are_Kept_Redacted_Whoever_Recorded_Them()
    {
        // Arrange: a call recorded with the secrets still in (as a user's mapping might hand it over)
        var call = Call(new RecordedRequest
        {
            Method = "GET",
            Path = "/",
            Headers = [new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tje0:secret"))), new("X-XSRF-TOKEN", "abc"), new("Cookie", "a=1; b=2")],
        });

        // Act
        var json = Encoding.UTF8.GetString(RecordedCallJson.WriteKept(call));
        var read = RecordedCallJson.Read(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Not.Contain("secret").And.Not.Contain("abc").And.Not.Contain("a=1"));
            Assert.That(read.Request.GetHeader("Authorization"), Is.EqualTo("Basic tje0:***"));
            Assert.That(read.Request.GetHeader("Cookie"), Is.EqualTo("a=***; b=***"));
        });
    }

    [Test]
    public void A_Body_That_Is_Not_Utf8_Reads_Back_Byte_For_Byte()
    {
        // Arrange
        byte[] body = [0x7B, 0xFF, 0xC3, 0x00, 0x22, 0xE2, 0x82];
        var call = Call(new RecordedRequest { Method = "POST", Path = "/", BodyUtf8 = body, BodyLength = body.Length });

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Request.BodyUtf8.ToArray(), Is.EqualTo(body));
            Assert.That(read.Request.Body, Is.EqualTo(Encoding.UTF8.GetString(body)));
        });
    }

    [Test]
    public void Bodies_Texts_And_Lists_Past_Their_Limits_Are_Cut_And_Say_So()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(new string('"', RecordedCallJson.BodyLimit + 10));
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest
            {
                Method = "POST",
                Path = "/" + new string('p', RecordedCallJson.TextLimit + 1),
                Headers = [.. Enumerable.Range(0, RecordedCallJson.ListLimit + 5).Select(i => new KeyValuePair<string, string>("X-H" + i, "v"))],
                BodyUtf8 = body,
                BodyLength = body.Length,
            },
            Violations = [.. Enumerable.Range(0, RecordedCallJson.ListLimit + 2).Select(i => new ContractViolation("/" + i, "bad"))],
            Warnings = [.. Enumerable.Range(0, RecordedCallJson.ListLimit + 3).Select(i => "w" + i)],
            Response = new RecordedResponse { StatusCode = 400 },
        };

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Request.BodyUtf8.Length, Is.EqualTo(RecordedCallJson.BodyLimit));
            Assert.That(read.Request.BodyLength, Is.EqualTo(body.Length));
            Assert.That(read.Request.Path, Does.StartWith("/ppp").And.EndWith($"(cut: {RecordedCallJson.TextLimit + 2} characters in all)"));
            Assert.That(read.Request.Headers, Has.Count.EqualTo(RecordedCallJson.ListLimit + 1));
            Assert.That(read.Request.GetHeader(RecordedCallJson.CutHeader), Is.EqualTo("5 more headers not kept"));
            Assert.That(read.Violations, Has.Count.EqualTo(RecordedCallJson.ListLimit + 1));
            Assert.That(read.Violations[^1].Message, Is.EqualTo("2 more violations not kept."));
            Assert.That(read.Warnings, Has.Count.EqualTo(RecordedCallJson.ListLimit + 1));
            Assert.That(read.Warnings[^1], Is.EqualTo("3 more warnings not kept."));
        });
    }

    [Test]
    public void A_Message_Text_Past_The_Limit_Is_Cut_And_The_Others_Kept_As_They_Are()
    {
        // Arrange
        var call = new RecordedCall
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Request = new RecordedRequest { Method = "POST", Path = "/" },
            Response = new RecordedResponse
            {
                StatusCode = 200,
                ChatMessage = new ChatMessage { ChatMessageId = 7, Type = "ToUser", Message = new string('m', RecordedCallJson.TextLimit + 1), Author = "Kari" },
            },
        };

        // Act
        var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call));

        // Assert
        var message = read.Response.ChatMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(message.Message, Does.StartWith("mmm").And.EndWith($"(cut: {RecordedCallJson.TextLimit + 1} characters in all)"));
            Assert.That(message with { Message = null }, Is.EqualTo(new ChatMessage { ChatMessageId = 7, Type = "ToUser", Author = "Kari" }));
        });
    }

    [Test]
    public void Milliseconds_Are_Written_As_The_Writer_Writes_TotalMilliseconds()
    {
        // Arrange: whole and fractional milliseconds, one tick, the largest written from ticks and past it, negative.
        var random = new Random(20261206);
        var spans = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromTicks(10), TimeSpan.FromTicks(10_000), TimeSpan.FromTicks(12_340), TimeSpan.FromTicks(999_999_999_999_999), TimeSpan.FromTicks(1_000_000_000_000_000), TimeSpan.FromTicks(-1234), TimeSpan.MaxValue };
        spans.AddRange(Enumerable.Range(0, 20_000).Select(i => TimeSpan.FromTicks(random.NextInt64((long)Math.Pow(10, 1 + (i % 15))))));
        var name = System.Text.Json.JsonEncodedText.Encode("ms");

        // Act
        var mismatches = spans
            .Select(span => (Span: span, Expected: Json(w => Member(w, () => w.WriteNumber(name, span.TotalMilliseconds))), Actual: Json(w => Member(w, () => RecordedCallJson.Milliseconds(w, name, span)))))
            .Where(x => x.Expected != x.Actual)
            .ToList();

        // Assert
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Texts_Of_Every_Kind_Read_Back_Alike()
    {
        // Arrange: 2,000 seeded texts of ASCII, escapes, control characters, non-Latin letters and emoji
        var texts = new SeededTexts(20261206);
        var random = texts.Random;
        string Text() => texts.Next();

        for (var i = 0; i < 2_000; i++)
        {
            var message = new ChatMessage { Message = Text(), Author = Text(), SpecialParam = Text(), ChatMessageId = random.Next() };
            var body = Text();
            var call = new RecordedCall
            {
                Timestamp = DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(0, 1L << 60)),
                Duration = TimeSpan.FromTicks(random.Next()),
                Request = new RecordedRequest { Method = "POST", Path = "/" + Text(), QueryString = Text(), Headers = [new("X-" + i, Text())], Body = body, BodyLength = Encoding.UTF8.GetByteCount(body) },
                Operation = Text(),
                AddChatMessage = new AddChatMessageRequest(random.Next(), message),
                Violations = [new ContractViolation(Text(), Text())],
                Warnings = [Text()],
                Credentials = new Credentials(Text(), Text()),
                Fault = Text(),
                Response = new RecordedResponse { StatusCode = 200, ContentType = Text(), Body = Text(), ChatMessage = message },
            };

            // Act
            var read = RecordedCallJson.Read(RecordedCallJson.WriteKept(call), id: i);

            // Assert
            AssertAlike(read, call, expectedId: i);
        }
    }

    private static RecordedCall Call(RecordedRequest request) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.Zero,
        Request = request,
        Response = new RecordedResponse { StatusCode = 200 },
    };

    private static string Json(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, ChatMock.Engine.JsonBytes.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Member(System.Text.Json.Utf8JsonWriter writer, Action write)
    {
        writer.WriteStartObject();
        write();
        writer.WriteEndObject();
    }

    private static RecordedCall FullCall(int bodyBytes = 64) => new()
    {
        Timestamp = new DateTimeOffset(2026, 11, 24, 10, 11, 12, TimeSpan.FromHours(1)).AddTicks(1234567),
        Duration = TimeSpan.FromTicks(98765),
        Request = new RecordedRequest
        {
            Method = "POST",
            Path = "/api/v1/Agents/Chat/AddChatMessage",
            QueryString = "?$select=Message",
            Headers = [new("Authorization", "Basic tje0:***"), new("Accept-Language", "nb"), new("X-Emoji", "🦊 ÆØÅ \"q\" \u0001")],
            BodyUtf8 = Encoding.UTF8.GetBytes(new string('é', bodyBytes / 2)),
            BodyLength = bodyBytes + 1_000_000,
        },
        Operation = "AddChatMessage",
        AddChatMessage = new AddChatMessageRequest(403, new ChatMessage { Type = "ToUser", Message = "Hei på deg", Author = "Bjørn", ReadByCustomer = 1 }),
        Violations = [new ContractViolation("/Message/Type", "Expected one of Invalid, ToCustomer but got \"Outgoing\"."), new ContractViolation(string.Empty, "Second")],
        Warnings = ["first warning", "andre åtvaring"],
        Credentials = new Credentials("Basic", "tje0"),
        Delay = TimeSpan.FromMilliseconds(250),
        Fault = "code=503",
        Response = new RecordedResponse
        {
            StatusCode = 200,
            ContentType = "application/json; charset=utf-8",
            BodyUtf8 = Encoding.UTF8.GetBytes("{\"ChatMessageId\":7,\"Message\":\"Hei på deg\"}"),
            ChatMessage = new ChatMessage
            {
                ChatMessageId = int.MaxValue,
                ChatSessionId = int.MinValue,
                Type = "ToUser",
                Message = "Hei på deg 🦊",
                Author = "Bjørn",
                ReadByCustomer = 1,
                SpecialType = "None",
                SpecialParam = string.Empty,
                WhenPosted = "2026-11-24T10:11:12.1234567Z",
            },
        },
    };

    private static void AssertAlike(RecordedCall actual, RecordedCall expected, long expectedId) => Assert.Multiple(() =>
    {
        Assert.That(actual.Id, Is.EqualTo(expectedId));
        Assert.That(actual.Timestamp, Is.EqualTo(expected.Timestamp));
        Assert.That(actual.Timestamp.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(actual.Duration, Is.EqualTo(expected.Duration));
        Assert.That(actual.Request.Method, Is.EqualTo(expected.Request.Method));
        Assert.That(actual.Request.Path, Is.EqualTo(expected.Request.Path));
        Assert.That(actual.Request.QueryString, Is.EqualTo(expected.Request.QueryString));
        Assert.That(actual.Request.Headers, Is.EqualTo(expected.Request.Headers));
        Assert.That(actual.Request.Body, Is.EqualTo(expected.Request.Body));
        Assert.That(actual.Request.BodyLength, Is.EqualTo(expected.Request.BodyLength));
        Assert.That(actual.Operation, Is.EqualTo(expected.Operation));
        Assert.That(actual.AddChatMessage, Is.EqualTo(expected.AddChatMessage));
        Assert.That(actual.Violations, Is.EqualTo(expected.Violations));
        Assert.That(actual.Warnings, Is.EqualTo(expected.Warnings));
        Assert.That(actual.Credentials, Is.EqualTo(expected.Credentials));
        Assert.That(actual.Delay, Is.EqualTo(expected.Delay));
        Assert.That(actual.Fault, Is.EqualTo(expected.Fault));
        Assert.That(actual.Response.StatusCode, Is.EqualTo(expected.Response.StatusCode));
        Assert.That(actual.Response.ContentType, Is.EqualTo(expected.Response.ContentType));
        Assert.That(actual.Response.Body, Is.EqualTo(expected.Response.Body));
        Assert.That(actual.Response.ChatMessage, Is.EqualTo(expected.Response.ChatMessage));
    });
}
