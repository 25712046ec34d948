using Microsoft.Extensions.Configuration;

namespace ChatMock.Server.Tests;

public sealed class HealthCheckTests
{
    [TestCase("0")]
    [TestCase("http")]
    [TestCase("70000")]
    public async Task RunAsync_When_The_Configured_Port_Is_Not_Fixed_Is_Unhealthy(string port)
    {
        // Arrange: the configuration the server itself would read.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ChatMock:Port"] = port })
            .Build();

        // Act
        var exit = await HealthCheck.RunAsync(configuration);

        // Assert
        Assert.That(exit, Is.EqualTo(HealthCheck.ExitUnhealthy));
    }
}
