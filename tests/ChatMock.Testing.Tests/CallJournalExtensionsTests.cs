using ChatMock.Testing.Tests.Support;

namespace ChatMock.Testing.Tests;

public sealed class CallJournalExtensionsTests
{
    private ChatMockTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await JournalScenario.StartWithFourCallsAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public void GetAddChatMessageCalls_Returns_Posts_To_The_Call_Oldest_First()
    {
        // Act
        var calls = _host.Journal.GetAddChatMessageCalls();

        // Assert
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    [Test]
    public void GetCallsForSession_Exposes_The_Parsed_Request_And_Response()
    {
        // Act
        var call = _host.Journal.GetCallsForSession(404).Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(call.AddChatMessage!.ChatSessionId, Is.EqualTo(404));
            Assert.That(call.AddChatMessage.Message!.Message, Is.EqualTo("Hi"));
            Assert.That(call.Response.StatusCode, Is.EqualTo(200));
            Assert.That(call.Response.ChatMessage!.ChatSessionId, Is.EqualTo(404));
            Assert.That(call.Violations, Is.Empty);
            Assert.That(call.Warnings, Is.Empty);
        });
    }

    [Test]
    public void GetCallsWithStatus_Returns_The_Calls_Answered_So()
    {
        // Act
        var notFound = _host.Journal.GetCallsWithStatus(404);
        var ok = _host.Journal.GetCallsWithStatus(200);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(notFound.Select(c => c.Id), Is.EqualTo(new long[] { 4 }));
            Assert.That(ok.Select(c => c.Id), Is.EqualTo(new long[] { 1, 2 }));
        });
    }

    [Test]
    public void GetCallsWithViolations_Returns_The_Calls_That_Broke_The_Contract()
    {
        // Act
        var broken = _host.Journal.GetCallsWithViolations();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(broken.Select(c => c.Id), Is.EqualTo(new long[] { 3 }));
            Assert.That(broken.Single().Violations.Single().ToString(), Is.EqualTo(JournalScenario.AbcViolation));
            Assert.That(broken.Single().AddChatMessage, Is.Null);
        });
    }

    [Test]
    public void GetCallsWithViolationAt_Selects_By_Json_Pointer()
    {
        // Act
        var atSession = _host.Journal.GetCallsWithViolationAt("/ChatSessionId");
        var atType = _host.Journal.GetCallsWithViolationAt("/Message/Type");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(atSession.Select(c => c.Id), Is.EqualTo(new long[] { 3 }));
            Assert.That(atType, Is.Empty);
        });
    }

    [Test]
    public void GetCalls_With_A_Pattern_Combines_Conditions()
    {
        // Act
        var calls = _host.Journal.GetCalls(CallPattern.AddChatMessage.WithStatus(200).WithMessageText("Hello"));

        // Assert
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task GetCalls_Returns_A_Snapshot()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync();
        using var client = JournalScenario.CreateClient(host);
        await JournalScenario.PostAsync(client, """{"ChatSessionId": 1}""");
        var before = host.Journal.GetAddChatMessageCalls();

        // Act
        await JournalScenario.PostAsync(client, """{"ChatSessionId": 1}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before, Has.Count.EqualTo(1));
            Assert.That(host.Journal.GetAddChatMessageCalls(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Queries_Reject_Null_Arguments()
    {
        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(() => CallJournalExtensions.GetAddChatMessageCalls(null!), Throws.ArgumentNullException);
            Assert.That(() => _host.Journal.GetCalls(null!), Throws.ArgumentNullException);
            Assert.That(() => _host.Journal.GetCallsWithViolationAt(null!), Throws.ArgumentNullException);
        });
    }
}
