using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatMock.Server.Tests.Support;

namespace ChatMock.Server.Tests;

/// <summary>
/// A first run that explains itself, as the tool, <c>dotnet run</c> and the image run it: a port in use and a
/// mistyped switch are one line and exit code 2, and <c>--version</c> prints the version.
/// </summary>
public sealed class FirstRunTests
{
    [Test]
    public async Task Server_On_A_Port_In_Use_Names_The_Port_In_One_Line_And_Exits_With_2()
    {
        // Arrange
        using var taken = new TcpListener(IPAddress.IPv6Any, 0);
        taken.Server.DualMode = true;
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        // Act
        using var server = ServerProcess.Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var exited = await server.WaitForExitAsync();

        // Assert
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True, "the server exits rather than hangs");
            Assert.That(server.ExitCode, Is.EqualTo(2), server.Output);
            Assert.That(lines, Has.Length.EqualTo(1), server.Output);
            Assert.That(server.Output, Does.Contain($"port {port} is already in use").And.Contain("--port 0"));
            Assert.That(server.Output, Does.Not.Contain("Exception").And.Not.Contain(" at "));
        });
    }

    [TestCase("--prot", "--port")]
    [TestCase("--jurnal-capacity", "--journal-capacity")]
    [TestCase("--Seed-", "--seed")]
    [TestCase("-port", "--port")]
    public async Task Server_With_A_Mistyped_Switch_Names_The_Closest_Known_One_And_Exits_With_2(string typed, string meant)
    {
        // Arrange
        using var server = ServerProcess.Start(typed, "9000");

        // Act
        var exited = await server.WaitForExitAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True);
            Assert.That(server.ExitCode, Is.EqualTo(2), server.Output);
            Assert.That(server.Output.Trim(), Is.EqualTo($"'{typed}' is not a ChatMock switch; did you mean '{meant}'? Run chatmock --help to see them all."));
        });
    }

    [Test]
    public async Task Server_Version_Prints_The_Version_Set_In_Directory_Build_Props()
    {
        // Arrange
        var props = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        var version = Regex.Match(props, "<VersionPrefix>(?<v>[^<]+)</VersionPrefix>").Groups["v"].Value;
        using var server = ServerProcess.Start("--version");

        // Act
        var exited = await server.WaitForExitAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(version, Does.Match(@"^\d+\.\d+\.\d+"), "Directory.Build.props sets a SemVer VersionPrefix");
            Assert.That(exited, Is.True);
            Assert.That(server.ExitCode, Is.Zero);
            Assert.That(server.Output.Trim(), Is.EqualTo("chatmock " + version));
        });
    }

    [Test]
    public async Task Server_Help_Lists_Version_And_The_Tool_Usage()
    {
        // Arrange
        using var server = ServerProcess.Start("--help");

        // Act
        var exited = await server.WaitForExitAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True);
            Assert.That(server.ExitCode, Is.Zero);
            Assert.That(server.Output, Does.Contain("Usage: chatmock [options]").And.Contain("--version"));
        });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChatMock.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ChatMock.sln was not found above the test output folder.");
    }
}
