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
            Assert.That(options.CallLinesPerSecond, Is.EqualTo(1_000));
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
            Assert.That(options.UnknownSessions, Is.EqualTo(UnknownSessionPolicy.Create));
            Assert.That(options.MaxSessions, Is.EqualTo(10_000));
            Assert.That(options.MaxMessagesPerSession, Is.EqualTo(10_000));
            Assert.That(options.MaxMessages, Is.EqualTo(100_000));
            Assert.That(options.MaxChatBytes, Is.EqualTo(128L * 1_048_576));
            Assert.That(options.TopicsPath, Is.Null);
            Assert.That(options.SampleSessions, Is.Zero);
        });

        // Every setting is asserted above: a new one must be added there.
        Assert.That(typeof(ChatMockOptions).GetProperties().Where(p => p.CanWrite || p.PropertyType.IsGenericType).Select(p => p.Name), Has.Exactly(31).Items);
    }

    [Test]
    public void Validate_MaxMessagesPerSession_Above_MaxMessages_Is_Refused()
    {
        // Arrange
        var options = new ChatMockOptions { MaxMessagesPerSession = 500, MaxMessages = 100 };

        // Act
        var problem = Assert.Throws<ChatMockOptionsException>(options.Validate);

        // Assert
        Assert.That(problem!.Errors, Is.EqualTo(new[] { "MaxMessagesPerSession (500) must not be above MaxMessages (100): one session could hold more than the store keeps." }));
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
        // Arrange: every settable property gets a value of its own, unlike its default and unlike the others.
        var options = new ChatMockOptions();
        var settable = Settable();
        for (var i = 0; i < settable.Length; i++)
        {
            settable[i].SetValue(options, DistinctValue(settable[i], i));
        }

        // Act
        var copy = options.Clone();

        // Assert
        Assert.Multiple(() =>
        {
            var defaults = new ChatMockOptions();
            foreach (var property in settable)
            {
                Assert.That(property.GetValue(options), Is.Not.EqualTo(property.GetValue(defaults)), $"{property.Name}: the value set is its default");
                Assert.That(property.GetValue(copy), Is.EqualTo(property.GetValue(options)), property.Name);
                if (!property.PropertyType.IsValueType && property.PropertyType != typeof(string))
                {
                    Assert.That(property.GetValue(copy), Is.Not.SameAs(property.GetValue(options)), $"{property.Name} is shared, not copied");
                }
            }
        });
    }

    private static System.Reflection.PropertyInfo[] Settable() => typeof(ChatMockOptions)
        .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToArray();

    private static object DistinctValue(System.Reflection.PropertyInfo property, int index)
    {
        var type = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(int))
        {
            return 1_000 + index;
        }

        if (underlying == typeof(long))
        {
            return 2_000_000L + index;
        }

        if (underlying == typeof(bool))
        {
            return !(bool)property.GetValue(new ChatMockOptions())!;
        }

        if (underlying == typeof(string))
        {
            return $"value-{index}";
        }

        if (underlying.IsEnum)
        {
            var values = Enum.GetValues(underlying);
            return values.GetValue(values.Length - 1)!;
        }

        if (underlying == typeof(List<string>))
        {
            return new List<string> { $"item-{index}", $"item-{index}-b" };
        }

        if (underlying == typeof(Dictionary<string, string>))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { [$"key-{index}"] = $"value-{index}" };
        }

        throw new NotSupportedException($"Give Clone_Copies_Every_Setting a distinct value for {type}.");
    }
}
