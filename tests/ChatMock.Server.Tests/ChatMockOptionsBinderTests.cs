using Microsoft.Extensions.Configuration;

namespace ChatMock.Server.Tests;

public sealed class ChatMockOptionsBinderTests
{
    [Test]
    public void Bind_Reads_Every_Setting_Case_Insensitively()
    {
        // Arrange
        var section = Section(new()
        {
            ["ChatMock:port"] = "0",
            ["ChatMock:Seed"] = "42",
            ["ChatMock:JournalCapacity"] = "5",
            ["ChatMock:RejectUnknownProperties"] = "false",
            ["ChatMock:MaxRequestBodyBytes"] = "2048",
            ["ChatMock:FirstChatMessageId"] = "100",
            ["ChatMock:ContractsPath"] = "/contracts",
            ["ChatMock:WireMockLogCapacity"] = "0",
        });

        // Act
        var options = ChatMockOptionsBinder.Bind(section);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Port, Is.Zero);
            Assert.That(options.Seed, Is.EqualTo(42));
            Assert.That(options.JournalCapacity, Is.EqualTo(5));
            Assert.That(options.RejectUnknownProperties, Is.False);
            Assert.That(options.MaxRequestBodyBytes, Is.EqualTo(2048));
            Assert.That(options.FirstChatMessageId, Is.EqualTo(100));
            Assert.That(options.ContractsPath, Is.EqualTo("/contracts"));
            Assert.That(options.WireMockLogCapacity, Is.Zero);
        });
    }

    [Test]
    public void Bind_Reports_Every_Problem_At_Once()
    {
        // Arrange
        var section = Section(new()
        {
            ["ChatMock:Port"] = "http",
            ["ChatMock:JournalCapacity"] = "0",
            ["ChatMock:Sed"] = "1",
            ["ChatMock:RejectUnknownProperties"] = "maybe",
        });

        // Act
        var ex = Assert.Throws<ChatMockOptionsException>(() => ChatMockOptionsBinder.Bind(section));

        // Assert
        Assert.That(ex!.Errors, Is.EquivalentTo(new[]
        {
            "'ChatMock:Port' must be a whole number; 'http' is not.",
            "'ChatMock:Sed' is not a ChatMock setting; the settings are Seed, RejectUnknownProperties, ContractsPath, JournalCapacity, MaxRequestBodyBytes, FirstChatMessageId, Port, WireMockLogCapacity, DirectAnswers, CallLinesPerSecond, AdminToken, AdminOrigins, AllowMappingFiles, AllowMappingProxies, JournalMaxBytes, MappingsPath, Authentication, Users, Tickets, BearerTokens, RequireXsrfCookie, CorsOrigins, MinDelayMilliseconds, MaxDelayMilliseconds, UnknownSessions, MaxSessions, MaxMessagesPerSession, MaxMessages, MaxChatBytes, TopicsPath, SampleSessions.",
            "'ChatMock:RejectUnknownProperties' must be true or false; 'maybe' is not.",
            "The field JournalCapacity must be between 1 and 10000000.",
        }));
    }

    [Test]
    public void Bind_Reads_Lists_Dictionaries_And_Enums()
    {
        // Arrange
        var section = Section(new()
        {
            ["ChatMock:Authentication"] = "configured",
            ["ChatMock:Users:alice"] = "s3cret",
            ["ChatMock:Users:bob"] = "hunter2",
            ["ChatMock:Tickets"] = "7T:a==, 7T:b==",
            ["ChatMock:BearerTokens:0"] = "8A:one",
            ["ChatMock:BearerTokens:1"] = "8A:two",
            ["ChatMock:CorsOrigins"] = "http://localhost:3000",
        });

        // Act
        var options = ChatMockOptionsBinder.Bind(section);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Authentication, Is.EqualTo(ChatMockAuthentication.Configured));
            Assert.That(options.Users, Is.EquivalentTo(new Dictionary<string, string> { ["alice"] = "s3cret", ["bob"] = "hunter2" }));
            Assert.That(options.Tickets, Is.EqualTo(new[] { "7T:a==", "7T:b==" }));
            Assert.That(options.BearerTokens, Is.EqualTo(new[] { "8A:one", "8A:two" }));
            Assert.That(options.CorsOrigins, Is.EqualTo(new[] { "http://localhost:3000" }));
        });
    }

    [Test]
    public void Bind_Names_The_Modes_When_Authentication_Is_Unknown()
    {
        // Act
        var ex = Assert.Throws<ChatMockOptionsException>(() => ChatMockOptionsBinder.Bind(Section(new() { ["ChatMock:Authentication"] = "Kerberos" })));

        // Assert
        Assert.That(ex!.Errors, Is.EqualTo(new[] { "'ChatMock:Authentication' must be one of AnyCredentials, Configured, Off; 'Kerberos' is not." }));
    }

    [Test]
    public void Bind_Treats_Empty_Seed_As_Random()
    {
        // Act
        var options = ChatMockOptionsBinder.Bind(Section(new() { ["ChatMock:Seed"] = string.Empty }));

        // Assert
        Assert.That(options.Seed, Is.Null);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ChatMockOptions.SectionName);
}
