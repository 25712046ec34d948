using ChatMock.Testing.Tests.Support;

namespace ChatMock.Testing.Tests;

public sealed class CallPatternTests
{
    private ChatMockTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await JournalScenario.StartWithFourCallsAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public void ToString_Describes_Any_And_AddChatMessage()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(CallPattern.Any.ToString(), Is.EqualTo("call"));
            Assert.That(CallPattern.AddChatMessage.ToString(), Is.EqualTo("AddChatMessage call"));
        });
    }

    [Test]
    public void ToString_Joins_Conditions_Into_One_Phrase()
    {
        // Arrange
        var pattern = CallPattern.AddChatMessage.ForSession(403).WithStatus(200).WithoutViolations();

        // Act
        var text = pattern.ToString();

        // Assert
        Assert.That(text, Is.EqualTo("AddChatMessage call with ChatSessionId 403, status 200 and without violations"));
    }

    [TestCase("/Message/Type", "call with a violation at /Message/Type")]
    [TestCase("", "call with a violation at the whole body")]
    public void ToString_Names_The_Violation_Pointer(string path, string expected)
    {
        // Act and assert
        Assert.That(CallPattern.Any.WithViolationAt(path).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void ToString_Quotes_Message_Text_And_Shows_Null()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(CallPattern.AddChatMessage.WithMessageText("Hi").ToString(), Is.EqualTo("AddChatMessage call with message text \"Hi\""));
            Assert.That(CallPattern.AddChatMessage.WithMessageText(null).ToString(), Is.EqualTo("AddChatMessage call with message text null"));
        });
    }

    [Test]
    public void Narrowing_Leaves_The_Original_Pattern_Unchanged()
    {
        // Arrange
        var session = CallPattern.AddChatMessage.ForSession(403);

        // Act
        var narrower = session.WithStatus(500);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(session.ToString(), Is.EqualTo("AddChatMessage call with ChatSessionId 403"));
            Assert.That(narrower.ToString(), Is.EqualTo("AddChatMessage call with ChatSessionId 403 and status 500"));
        });
    }

    [Test]
    public void Matches_Selects_By_Session_Text_Status_And_Violations()
    {
        // Arrange
        var calls = _host.Journal.GetCalls();

        // Act
        long[] Ids(CallPattern pattern) => [.. calls.Where(pattern.Matches).Select(c => c.Id)];

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Ids(CallPattern.Any), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
            Assert.That(Ids(CallPattern.AddChatMessage), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(Ids(CallPattern.AddChatMessage.ForSession(404)), Is.EqualTo(new long[] { 2 }));
            Assert.That(Ids(CallPattern.AddChatMessage.WithMessageText("Hello")), Is.EqualTo(new long[] { 1 }));
            Assert.That(Ids(CallPattern.Any.WithStatus(404)), Is.EqualTo(new long[] { 4 }));
            Assert.That(Ids(CallPattern.Any.WithViolations()), Is.EqualTo(new long[] { 3 }));
            Assert.That(Ids(CallPattern.Any.WithViolationAt("/ChatSessionId")), Is.EqualTo(new long[] { 3 }));
            Assert.That(Ids(CallPattern.Any.WithViolationAt("/Message/Type")), Is.Empty);
            Assert.That(Ids(CallPattern.AddChatMessage.WithoutViolations()), Is.EqualTo(new long[] { 1, 2 }));
        });
    }

    [Test]
    public async Task AddChatMessage_Does_Not_Match_A_Get_On_Its_Path()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = JournalScenario.CreateClient(host);
        using var response = await client.GetAsync(JournalScenario.Path);

        // Act
        var call = host.Journal.GetCalls().Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.Operation, Is.EqualTo("AddChatMessage"), "the engine routes the GET to the operation");
            Assert.That(CallPattern.AddChatMessage.Matches(call), Is.False);
            Assert.That(CallPattern.AddChatMessage.Explain(call), Is.EqualTo(new[] { "not an AddChatMessage call" }));
        });
    }

    [Test]
    public void Explain_Gives_One_Reason_Per_Failed_Condition()
    {
        // Arrange
        var calls = _host.Journal.GetCalls();
        var pattern = CallPattern.AddChatMessage.ForSession(403).WithMessageText("Hi").WithStatus(200);

        // Act
        var reasons = calls.Take(4).Select(pattern.Explain).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reasons[0], Is.EqualTo(new[] { "message text was \"Hello\"" }));
            Assert.That(reasons[1], Is.EqualTo(new[] { "ChatSessionId was 404" }));
            Assert.That(reasons[2], Is.EqualTo(new[] { "the body broke the contract: " + JournalScenario.AbcViolation, "status was 400" }));
            Assert.That(reasons[3], Is.EqualTo(new[] { "not an AddChatMessage call", "status was 404" }));
        });
    }

    [Test]
    public void Explain_Is_Empty_For_A_Matching_Call()
    {
        // Arrange
        var first = _host.Journal.GetCalls()[0];

        // Act
        var reasons = CallPattern.AddChatMessage.ForSession(403).Explain(first);

        // Assert
        Assert.That(reasons, Is.Empty);
    }

    [Test]
    public void Explain_Names_Other_Violations_And_Their_Absence()
    {
        // Arrange
        var calls = _host.Journal.GetCalls();

        // Act
        var elsewhere = CallPattern.Any.WithViolationAt("/Message/Type").Explain(calls[2]);
        var none = CallPattern.Any.WithViolationAt("/Message/Type").Explain(calls[0]);
        var broken = CallPattern.Any.WithoutViolations().Explain(calls[2]);
        var clean = CallPattern.Any.WithViolations().Explain(calls[0]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(elsewhere, Is.EqualTo(new[] { "violations at /ChatSessionId instead" }));
            Assert.That(none, Is.EqualTo(new[] { "no violations" }));
            Assert.That(broken, Is.EqualTo(new[] { "1 violation: " + JournalScenario.AbcViolation }));
            Assert.That(clean, Is.EqualTo(new[] { "no violations" }));
        });
    }

    [Test]
    public void Explain_Says_When_A_Call_Has_No_Body_To_Look_Into()
    {
        // Arrange
        var notFound = _host.Journal.GetCalls()[3];

        // Act
        var reasons = CallPattern.Any.ForSession(403).Explain(notFound);

        // Assert
        Assert.That(reasons, Is.EqualTo(new[] { "no AddChatMessage body" }));
    }

    [Test]
    public void Where_Adds_A_Condition_Of_Ones_Own()
    {
        // Arrange
        var pattern = CallPattern.AddChatMessage.Where(call => call.Credentials?.UserName == "someone", "from user someone");
        var first = _host.Journal.GetCalls()[0];

        // Act
        var reasons = pattern.Explain(first);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(pattern.ToString(), Is.EqualTo("AddChatMessage call from user someone"));
            Assert.That(reasons, Is.EqualTo(new[] { "not from user someone" }));
            Assert.That(CallPattern.AddChatMessage.Where(call => call.Credentials?.UserName == "tje0", "from user tje0").Matches(first), Is.True);
        });
    }

    [Test]
    public void Methods_Reject_Null_Arguments()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(() => CallPattern.Any.WithViolationAt(null!), Throws.ArgumentNullException);
            Assert.That(() => CallPattern.Any.Where(null!, "x"), Throws.ArgumentNullException);
            Assert.That(() => CallPattern.Any.Where(_ => true, null!), Throws.ArgumentNullException);
            Assert.That(() => CallPattern.Any.Matches(null!), Throws.ArgumentNullException);
        });
    }
}
