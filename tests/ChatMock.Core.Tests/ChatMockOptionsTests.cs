namespace ChatMock.Core.Tests;

public sealed class ChatMockOptionsTests
{
    [Test]
    public void Defaults_Are_Correct()
    {
        // Arrange and act
        var options = new ChatMockOptions();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Seed, Is.Null);
            Assert.That(options.RejectUnknownProperties, Is.True);
            Assert.That(options.ContractsPath, Is.Null);
            Assert.That(options.JournalCapacity, Is.EqualTo(10_000));
            Assert.That(options.MaxRequestBodyBytes, Is.EqualTo(1_048_576));
            Assert.That(options.FirstChatMessageId, Is.EqualTo(1));
            Assert.That(options.Port, Is.EqualTo(8080));
            Assert.That(options.WireMockLogCapacity, Is.Zero);
            Assert.That(options.DirectAnswers, Is.True);
            Assert.That(options.AdminToken, Is.Null);
            Assert.That(options.AdminOrigins, Is.Empty);
            Assert.That(options.AllowMappingFiles, Is.False);
            Assert.That(options.AllowMappingProxies, Is.False);
            Assert.That(options.JournalMaxBytes, Is.EqualTo(128L * 1_048_576));
            Assert.That(options.MappingsPath, Is.Null);
            Assert.That(options.Authentication, Is.EqualTo(ChatMockAuthentication.AnyCredentials));
            Assert.That(options.Users, Is.Empty);
            Assert.That(options.Tickets, Is.Empty);
            Assert.That(options.BearerTokens, Is.Empty);
            Assert.That(options.RequireXsrfCookie, Is.False);
            Assert.That(options.CorsOrigins, Is.EqualTo(new[] { "*" }));
            Assert.That(options.MinDelayMilliseconds, Is.Zero);
            Assert.That(options.MaxDelayMilliseconds, Is.Zero);
        });

        // Every setting is asserted above: a new one must be added there.
        Assert.That(typeof(ChatMockOptions).GetProperties().Where(p => p.CanWrite || p.PropertyType.IsGenericType).Select(p => p.Name), Has.Exactly(23).Items);
    }

    [Test]
    public void Validate_Names_Every_Invalid_Setting_At_Once()
    {
        // Arrange
        var options = new ChatMockOptions { JournalCapacity = 0, MaxRequestBodyBytes = -1, Port = 70_000 };

        // Act
        var ex = Assert.Throws<ChatMockOptionsException>(options.Validate);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors, Has.Count.EqualTo(3));
            Assert.That(ex.Message, Does.StartWith("The 'ChatMockOptions' are invalid."));
            Assert.That(ex.Message, Does.Contain("JournalCapacity").And.Contain("MaxRequestBodyBytes").And.Contain("Port"));
        });
    }

    [Test]
    public void Clone_Copies_Every_Setting()
    {
        // Arrange
        var options = new ChatMockOptions { Seed = 7, RejectUnknownProperties = false, JournalCapacity = 5, Port = 0 };

        // Act
        var copy = options.Clone();
        options.Seed = 8;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(copy.Seed, Is.EqualTo(7));
            Assert.That(copy.RejectUnknownProperties, Is.False);
            Assert.That(copy.JournalCapacity, Is.EqualTo(5));
            Assert.That(copy.Port, Is.Zero);
        });
    }
}
