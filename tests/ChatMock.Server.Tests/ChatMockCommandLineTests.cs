namespace ChatMock.Server.Tests;

/// <summary>The check of the command line that runs before the server starts.</summary>
public sealed class ChatMockCommandLineTests
{
    [TestCase("--port", "0", "--seed", "7")]
    [TestCase("--PORT", "0")]
    [TestCase("--port=0", "--seed=-5")]
    [TestCase("--seed", "-5")]
    [TestCase("/port", "0")]
    [TestCase("--ChatMock:Users:alice", "s3cret")]
    [TestCase("ChatMock:Seed=4")]
    [TestCase("--Logging:LogLevel:Default", "Debug")]
    [TestCase("--health-check", "--port", "8080")]
    [TestCase("--admin-token", "--not-a-switch-but-the-token")]
    public void FindUnknownSwitch_Known_Switches_Returns_Null(params string[] args)
    {
        // Act
        var problem = ChatMockCommandLine.FindUnknownSwitch(args);

        // Assert
        Assert.That(problem, Is.Null);
    }

    [TestCase(new[] { "--prot", "9000" }, "'--prot' is not a ChatMock switch; did you mean '--port'?")]
    [TestCase(new[] { "--port", "0", "--sed", "1" }, "'--sed' is not a ChatMock switch; did you mean '--seed'?")]
    [TestCase(new[] { "--cors-origin=x" }, "'--cors-origin' is not a ChatMock switch; did you mean '--cors-origins'?")]
    [TestCase(new[] { "--helth-check" }, "'--helth-check' is not a ChatMock switch; did you mean '--health-check'?")]
    [TestCase(new[] { "--verison" }, "'--verison' is not a ChatMock switch; did you mean '--version'?")]
    [TestCase(new[] { "9000" }, "'9000' is not a switch")]
    [TestCase(new[] { "--port" }, "'--port' needs a value")]
    [TestCase(new[] { "--Loging:LogLevel:Default", "Debug" }, "'--Loging:LogLevel:Default' is not a ChatMock switch")]
    public void FindUnknownSwitch_Unknown_Or_Incomplete_Switch_Says_What_Was_Meant(string[] args, string expected)
    {
        // Act
        var problem = ChatMockCommandLine.FindUnknownSwitch(args);

        // Assert
        Assert.That(problem, Does.StartWith(expected));
    }

    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "port", 4)]
    [TestCase("--prot", "--port", 2)]
    [TestCase("same", "same", 0)]
    public void EditDistance_Counts_Insertions_Deletions_And_Substitutions(string from, string to, int expected)
    {
        // Act
        var distance = ChatMockCommandLine.EditDistance(from, to);

        // Assert
        Assert.That(distance, Is.EqualTo(expected));
    }
}
