using System.Text;
using ChatMock.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Server.Tests;

/// <summary>The standalone server's one line per call: what it says, whichever call it is about, and how many a second it writes.</summary>
public sealed class CallLogTests
{
    [Test]
    public async Task WriteAsync_Call_Breaking_The_Contract_Logs_Its_Query_And_First_Violation()
    {
        // Arrange
        var lines = new CapturingLogger();
        var call = Answer("POST", "/api/v1/Agents/Chat/AddChatMessage", "?$select=Message", """{"ChatSessionId": 7, "Extra": 1}""");
        using var log = new CallLog(lines, 1_000, TimeProvider.System);

        // Act
        await log.WriteAsync(call);
        log.Flush();

        // Assert
        Assert.That(lines.Lines, Has.Count.EqualTo(1));
        Assert.That(lines.Lines[0], Does.Match(
            @"^call=1 POST /api/v1/Agents/Chat/AddChatMessage\?\$select=Message -> 400 in [\d.]+ ms violations=1 first=""/Extra: Unknown property 'Extra'.*""$"));
    }

    [Test]
    public async Task WriteAsync_Valid_Call_Logs_Its_Chat_Session()
    {
        // Arrange
        var lines = new CapturingLogger();
        var call = Answer("POST", "/api/v1/Agents/Chat/AddChatMessage", string.Empty, """{"ChatSessionId": 7}""");
        using var log = new CallLog(lines, 1_000, TimeProvider.System);

        // Act
        await log.WriteAsync(call);
        log.Flush();

        // Assert
        Assert.That(lines.Lines.Single(), Does.Match(@"^call=1 POST /api/v1/Agents/Chat/AddChatMessage -> 200 in [\d.]+ ms ChatSessionId=7$"));
    }

    [Test]
    public async Task WriteAsync_Call_Of_No_Operation_Logs_Method_Path_And_Status_Only()
    {
        // Arrange
        var lines = new CapturingLogger();
        var call = Answer("GET", "/elsewhere", string.Empty, string.Empty);
        using var log = new CallLog(lines, 1_000, TimeProvider.System);

        // Act
        await log.WriteAsync(call);
        log.Flush();

        // Assert
        Assert.That(lines.Lines.Single(), Does.Match(@"^call=1 GET /elsewhere -> 404 in [\d.]+ ms$"));
    }

    [Test]
    public async Task WriteAsync_Past_The_Limit_Counts_The_Calls_In_One_Line_When_The_Second_Ends()
    {
        // Arrange
        var lines = new CapturingLogger();
        var clock = new FakeTimeProvider();
        var call = Answer("POST", "/api/v1/Agents/Chat/AddChatMessage", string.Empty, """{"ChatSessionId": 7}""");
        using var log = new CallLog(lines, 3, clock);

        // Act: five calls in the first second, two in the next.
        for (var i = 0; i < 5; i++)
        {
            await log.WriteAsync(call);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        await log.WriteAsync(call);
        await log.WriteAsync(call);
        log.Flush();

        // Assert
        Assert.That(lines.Lines, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            Assert.That(lines.Lines.Take(3), Has.All.StartWith("call=1 POST"));
            Assert.That(lines.Lines[3], Is.EqualTo("2 more calls in the last second, past CallLinesPerSecond (3), have no line of their own; the journal has them (/__admin/chatmock/calls)"));
            Assert.That(lines.Lines.Skip(4), Has.All.StartWith("call=1 POST"));
        });
    }

    [Test]
    public async Task Flush_Writes_The_Count_Of_The_Calls_Of_The_Second_Under_Way()
    {
        // Arrange
        var lines = new CapturingLogger();
        var call = Answer("GET", "/elsewhere", string.Empty, string.Empty);
        using var log = new CallLog(lines, 0, new FakeTimeProvider());

        // Act
        await log.WriteAsync(call);
        await log.WriteAsync(call);
        log.Flush();

        // Assert
        Assert.That(lines.Lines.Single(), Does.StartWith("2 more calls in the last second, past CallLinesPerSecond (0)"));
    }

    private static Journal.RecordedCall Answer(string method, string path, string query, string body) =>
        new ChatMockEngine(new ChatMockOptions { Seed = 1 }).Handle(new ChatMockRequest
        {
            Method = method,
            Path = path,
            QueryString = query,
            Headers = [new("Authorization", "Basic dGplMDpUamUw"), new("Content-Type", "application/json")],
            Body = Encoding.UTF8.GetBytes(body),
        }).Call;

    private sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
