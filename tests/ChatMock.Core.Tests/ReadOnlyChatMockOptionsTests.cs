using System.Collections;
using System.Reflection;

namespace ChatMock.Core.Tests;

/// <summary>The read-only view of the settings shows every setting, and the copy a host hands out is a full one.</summary>
public sealed class ReadOnlyChatMockOptionsTests
{
    private static readonly PropertyInfo[] Settings = typeof(ChatMockOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Test]
    public void IReadOnlyChatMockOptions_Names_Every_Setting_Of_ChatMockOptions()
    {
        // Arrange
        var settings = Settings.Select(p => p.Name).Order().ToList();

        // Act
        var shown = typeof(IReadOnlyChatMockOptions).GetProperties().Select(p => p.Name).Order().ToList();

        // Assert
        Assert.That(shown, Is.EqualTo(settings));
    }

    [Test]
    public void Clone_Through_The_View_Copies_Every_Setting_Into_Collections_Of_Its_Own()
    {
        // Arrange: every setting away from its default.
        var options = new ChatMockOptions
        {
            Seed = 7,
            RejectUnknownProperties = false,
            ContractsPath = "contracts",
            JournalCapacity = 5,
            MaxRequestBodyBytes = 2048,
            FirstChatMessageId = 100,
            Port = 0,
            WireMockLogCapacity = 3,
            DirectAnswers = false,
            CallLinesPerSecond = 7,
            AdminToken = "token",
            AdminOrigins = ["http://admin.example"],
            AllowMappingFiles = true,
            AllowMappingProxies = true,
            JournalMaxBytes = 2 * 1_048_576,
            MappingsPath = "mappings",
            Authentication = ChatMockAuthentication.Configured,
            Users = new() { ["tje0"] = "Tje0" },
            Tickets = ["ticket"],
            BearerTokens = ["bearer"],
            RequireXsrfCookie = true,
            CorsOrigins = ["http://app.example"],
            MinDelayMilliseconds = 1,
            MaxDelayMilliseconds = 2,
            UnknownSessions = UnknownSessionPolicy.Reject,
            MaxSessions = 10,
            MaxMessagesPerSession = 20,
            MaxMessages = 30,
            MaxChatBytes = 2 * 1_048_576,
            TopicsPath = "topics.json",
            SampleSessions = 4,
        };
        var defaults = new ChatMockOptions();

        // Act
        var copy = CloneThroughTheView(options);

        // Assert
        Assert.Multiple(() =>
        {
            foreach (var setting in Settings)
            {
                var value = setting.GetValue(options);
                Assert.That(value, Is.Not.EqualTo(setting.GetValue(defaults)), $"{setting.Name} is set away from its default by this test");
                Assert.That(setting.GetValue(copy), Is.EqualTo(value), setting.Name);
                if (value is IEnumerable and not string)
                {
                    Assert.That(setting.GetValue(copy), Is.Not.SameAs(value), $"{setting.Name} is a collection of the copy's own");
                }
            }
        });
    }

#pragma warning disable CA1859 // What is tested is the interface's Clone, as a host's Options hands it out.
    private static ChatMockOptions CloneThroughTheView(IReadOnlyChatMockOptions view) => view.Clone();
#pragma warning restore CA1859
}
