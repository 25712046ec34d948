using System.Reflection;

namespace ChatMock.Server.Tests;

public sealed class ChatMockSettingsTableTests
{
    [Test]
    public void Settings_Name_Every_Settable_Option_Once()
    {
        // Arrange
        var settable = typeof(ChatMockOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name);

        // Act
        var named = ChatMockCommandLine.Settings.Where(s => s.Option is not null).Select(s => s.Option!).ToList();

        // Assert
        Assert.That(named, Is.Unique);
        Assert.That(named, Is.EquivalentTo(settable));
    }

    [Test]
    public void Help_Shows_The_Defaults_Of_The_Options()
    {
        // Arrange
        var defaults = new ChatMockOptions();

        // Act
        var help = ChatMockCommandLine.Help;

        // Assert
        Assert.That(help, Does.Contain($"--port <n>").And.Contain($"(default {defaults.Port})")
            .And.Contain($"(default {defaults.JournalMaxBytes})")
            .And.Contain($"(default {defaults.Authentication})"));
    }

    [Test]
    public void Help_Lists_Every_Switch_And_Keeps_Lines_Short()
    {
        // Act
        var lines = ChatMockCommandLine.Help.Split('\n');

        // Assert
        Assert.Multiple(() =>
        {
            foreach (var setting in ChatMockCommandLine.Settings)
            {
                Assert.That(lines.Any(l => l.StartsWith("  " + setting.Switch + " ", StringComparison.Ordinal)), Is.True, setting.Switch);
            }

            Assert.That(lines.Max(l => l.TrimEnd('\r').Length), Is.LessThanOrEqualTo(120));
        });
    }

    [Test]
    public void SwitchMappings_Map_Each_Switch_To_Its_Option_Key()
    {
        // Act
        var port = ChatMockCommandLine.SwitchMappings["--port"];

        // Assert
        Assert.That(port, Is.EqualTo("ChatMock:Port"));
        Assert.That(ChatMockCommandLine.SwitchMappings, Does.Not.ContainKey("--help"));
    }
}
