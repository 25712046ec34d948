using ChatMock.Journal;
using ChatMock.Testing.Tests.Support;
using NUnit.Framework.Internal;
using static ChatMock.Testing.Tests.Support.JournalScenario;

namespace ChatMock.Testing.Tests;

/// <summary>
/// Every journal assertion, passing and failing. The failure messages are part of the API: they are asserted
/// exactly, so a change to them shows up here as a deliberate diff.
/// </summary>
public sealed class ReceivedTests
{
    private const string Call1 = "#1 POST /api/v1/Agents/Chat/AddChatMessage -> 200";
    private const string Call2 = "#2 POST /api/v1/Agents/Chat/AddChatMessage -> 200";
    private const string Call3 = "#3 POST /api/v1/Agents/Chat/AddChatMessage -> 400";
    private const string Call4 = "#4 GET /api/v1/Agents/Chat/Other -> 404";

    private ChatMockTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await StartWithFourCallsAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public void Exactly_Passes_When_The_Count_Matches()
    {
        // Act and assert
        Assert.That(_host.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403)));
    }

    [Test]
    public void Exactly_Fails_With_The_Nearest_Calls_When_Too_Few_Match()
    {
        // Arrange
        var constraint = Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403).WithMessageText("Hi"));

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 1 AddChatMessage call with ChatSessionId 403 and message text \"Hi\"",
            "  But was:  0 matching calls among 4 calls received",
            "  Nearest calls:",
            $"    {Call1}: message text was \"Hello\"",
            $"    {Call2}: ChatSessionId was 404",
            $"    {Call3}: the body broke the contract: {AbcViolation}",
            $"    {Call4}: not an AddChatMessage call")));
    }

    [Test]
    public void Exactly_Fails_With_The_Matching_Calls_When_Too_Many_Match()
    {
        // Arrange
        var constraint = Received.Exactly(1, CallPattern.AddChatMessage.WithStatus(200));

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 1 AddChatMessage call with status 200",
            "  But was:  2 matching calls among 4 calls received",
            "  Matching calls:",
            $"    {Call1}",
            $"    {Call2}")));
    }

    [Test]
    public void Exactly_Uses_The_Plural_For_Several_Calls()
    {
        // Arrange
        var constraint = Received.Exactly(3, CallPattern.Any.WithStatus(200));

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 3 calls with status 200",
            "  But was:  2 matching calls among 4 calls received",
            "  Matching calls:",
            $"    {Call1}",
            $"    {Call2}",
            "  Nearest calls:",
            $"    {Call3}: status was 400",
            $"    {Call4}: status was 404")));
    }

    [Test]
    public void AtLeast_Passes_When_Enough_Match()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(_host.Journal, Received.AtLeast(3, CallPattern.AddChatMessage));
            Assert.That(_host.Journal, Received.AtLeast(1, CallPattern.AddChatMessage));
        });
    }

    [Test]
    public void AtLeast_Fails_With_The_Matching_And_The_Nearest_Calls()
    {
        // Arrange
        var constraint = Received.AtLeast(2, CallPattern.AddChatMessage.ForSession(403));

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: at least 2 AddChatMessage calls with ChatSessionId 403",
            "  But was:  1 matching call among 4 calls received",
            "  Matching calls:",
            $"    {Call1}",
            "  Nearest calls:",
            $"    {Call2}: ChatSessionId was 404",
            $"    {Call3}: the body broke the contract: {AbcViolation}",
            $"    {Call4}: not an AddChatMessage call")));
    }

    [Test]
    public void Never_Passes_When_No_Call_Matches()
    {
        // Act and assert
        Assert.That(_host.Journal, Received.Never(CallPattern.Any.WithStatus(500)));
    }

    [Test]
    public void Never_Fails_With_The_Calls_That_Match()
    {
        // Arrange
        var constraint = Received.Never(CallPattern.Any.WithViolations());

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: no call with violations",
            "  But was:  1 matching call among 4 calls received",
            "  Matching calls:",
            $"    {Call3}")));
    }

    [Test]
    public void InOrder_Passes_When_The_Calls_Came_In_That_Order_With_Others_Between()
    {
        // Act and assert
        Assert.That(_host.Journal, Received.InOrder(
            CallPattern.AddChatMessage.ForSession(403),
            CallPattern.Any.WithStatus(404)));
    }

    [Test]
    public void InOrder_Fails_With_The_Later_Calls_And_The_Earlier_Match()
    {
        // Arrange
        var constraint = Received.InOrder(CallPattern.AddChatMessage.ForSession(404), CallPattern.AddChatMessage.ForSession(403));

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: calls in this order: 1. AddChatMessage call with ChatSessionId 404; 2. AddChatMessage call with ChatSessionId 403",
            "  But was:  step 1 matched #2, but no later call matched step 2",
            "  Calls after #2, nearest first:",
            $"    {Call3}: the body broke the contract: {AbcViolation}",
            $"    {Call4}: not an AddChatMessage call",
            "  Step 2 matched only earlier calls: #1")));
    }

    [Test]
    public void InOrder_Fails_With_The_Nearest_Calls_When_The_First_Step_Never_Happened()
    {
        // Arrange
        var constraint = Received.InOrder(CallPattern.AddChatMessage.WithMessageText("Bye"), CallPattern.Any);

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: calls in this order: 1. AddChatMessage call with message text \"Bye\"; 2. call",
            "  But was:  no call matched step 1 among 4 calls received",
            "  Nearest calls:",
            $"    {Call1}: message text was \"Hello\"",
            $"    {Call2}: message text was \"Hi\"",
            $"    {Call3}: the body broke the contract: {AbcViolation}",
            $"    {Call4}: not an AddChatMessage call")));
    }

    [Test]
    public void InOrder_Fails_When_Nothing_Came_After_The_Previous_Step()
    {
        // Arrange
        var constraint = Received.InOrder(CallPattern.Any.WithStatus(404), CallPattern.Any);

        // Act
        var message = FailureMessage(constraint, _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: calls in this order: 1. call with status 404; 2. call",
            "  But was:  step 1 matched #4, but no later call matched step 2",
            "  No call came after #4.",
            "  Step 2 matched only earlier calls: #1, #2, #3, #4")));
    }

    [Test]
    public async Task NoContractViolations_Passes_When_Every_Call_Kept_The_Contract()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = CreateClient(host);
        await PostAsync(client, """{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "Hello"}}""");

        // Act and assert
        Assert.That(host.Journal, Received.NoContractViolations());
    }

    [Test]
    public void NoContractViolations_Fails_With_Every_Violation_Of_Each_Call()
    {
        // Act
        var message = FailureMessage(Received.NoContractViolations(), _host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: no contract violations",
            "  But was:  1 call broke the contract among 4 calls received",
            $"    {Call3}",
            $"      {AbcViolation}")));
    }

    [Test]
    public async Task NoContractViolations_Lists_At_Most_Five_Calls()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = CreateClient(host);
        for (var i = 0; i < 7; i++)
        {
            await PostAsync(client, """{"ChatSessionId": "abc"}""");
        }

        // Act
        var message = FailureMessage(Received.NoContractViolations(), host.Journal);

        // Assert
        Assert.That(message, Does.StartWith(Lines(
            "  Expected: no contract violations",
            "  But was:  7 calls broke the contract among 7 calls received",
            "    #1 POST /api/v1/Agents/Chat/AddChatMessage -> 400",
            $"      {AbcViolation}")).And.EndWith(Lines(
            "    #5 POST /api/v1/Agents/Chat/AddChatMessage -> 400",
            $"      {AbcViolation}",
            "    2 more calls with violations")));
    }

    [Test]
    public async Task Failure_Says_So_When_No_Call_Was_Received()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();

        // Act
        var message = FailureMessage(Received.Exactly(1, CallPattern.AddChatMessage), host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 1 AddChatMessage call",
            "  But was:  no calls received")));
    }

    [Test]
    public async Task Failure_Shows_Five_Nearest_Calls_And_How_Many_More()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = CreateClient(host);
        for (var session = 1; session <= 7; session++)
        {
            await PostAsync(client, $$"""{"ChatSessionId": {{session}}}""");
        }

        // Act
        var message = FailureMessage(Received.Exactly(1, CallPattern.AddChatMessage.ForSession(99)), host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 1 AddChatMessage call with ChatSessionId 99",
            "  But was:  0 matching calls among 7 calls received",
            "  Nearest calls:",
            "    #1 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 1",
            "    #2 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 2",
            "    #3 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 3",
            "    #4 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 4",
            "    #5 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 5",
            "    ... and 2 more")));
    }

    [Test]
    public async Task Failure_Notes_Calls_The_Journal_Dropped()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { JournalCapacity = 2 });
        using var client = CreateClient(host);
        for (var session = 1; session <= 3; session++)
        {
            await PostAsync(client, $$"""{"ChatSessionId": {{session}}}""");
        }

        // Act
        var message = FailureMessage(Received.Exactly(1, CallPattern.AddChatMessage.ForSession(1)), host.Journal);

        // Assert
        Assert.That(message, Is.EqualTo(Lines(
            "  Expected: exactly 1 AddChatMessage call with ChatSessionId 1",
            "  But was:  0 matching calls among 2 calls received",
            "  Nearest calls:",
            "    #2 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 2",
            "    #3 POST /api/v1/Agents/Chat/AddChatMessage -> 200: ChatSessionId was 3",
            "  The journal dropped its oldest call: it keeps 2 (JournalCapacity).")));
    }

    [Test]
    public void Constraints_Accept_The_Host_And_A_Sequence_Of_Calls()
    {
        // Arrange
        IEnumerable<RecordedCall> calls = _host.Journal.GetCallsForSession(403);

        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(_host, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(404)));
            Assert.That(calls, Received.Exactly(1, CallPattern.Any));
        });
    }

    [Test]
    public void Constraints_Reject_Anything_Else()
    {
        // Act and assert
        Assert.That(
            () => Received.NoContractViolations().ApplyTo("a string"),
            Throws.ArgumentException.With.Message.StartsWith("Pass an ICallJournal, a ChatMockTestHost, a ChatMockRemote or a sequence of RecordedCall to assert on; it was a String."));
    }

    [Test]
    public void Assert_That_Reports_The_Failure_Message()
    {
        // Arrange
        var journal = _host.Journal;
        string? reported = null;

        // Act
        using (new TestExecutionContext.IsolatedContext())
        {
            try
            {
                Assert.That(journal, Received.Never(CallPattern.Any.WithStatus(404)));
            }
            catch (AssertionException ex)
            {
                reported = ex.Message.ReplaceLineEndings("\n");
            }
        }

        // Assert
        Assert.That(reported, Does.EndWith(Lines(
            "  Expected: no call with status 404",
            "  But was:  1 matching call among 4 calls received",
            "  Matching calls:",
            $"    {Call4}")));
    }

    [Test]
    public void Factories_Reject_Bad_Arguments()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(() => Received.Exactly(-1, CallPattern.Any), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Received.AtLeast(1, null!), Throws.ArgumentNullException);
            Assert.That(() => Received.Never(null!), Throws.ArgumentNullException);
            Assert.That(() => Received.InOrder(), Throws.ArgumentException);
            Assert.That(() => Received.InOrder(CallPattern.Any, null!), Throws.ArgumentNullException);
        });
    }
}
