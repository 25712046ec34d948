using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Server.Tests.Behaviour;

/// <summary>Protocol behaviour that depends on settings: configured credentials, CORS origins, latency. Both hosts.</summary>
[TestFixtureSource(typeof(HostKinds), nameof(HostKinds.All))]
public sealed class ConfiguredProtocolBehaviourTests(HostKind kind)
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";

    [TestCase("Basic", "YWxpY2U6czNjcmV0", HttpStatusCode.OK)] // alice:s3cret
    [TestCase("Basic", "YWxpY2U6d3Jvbmc=", HttpStatusCode.Unauthorized)] // alice:wrong
    [TestCase("Basic", "dGplMDpUamUw", HttpStatusCode.Unauthorized)] // tje0:Tje0, not configured
    [TestCase("SoTicket", "7T:known==", HttpStatusCode.OK)]
    [TestCase("SOTICKET", "7T:unknown==", HttpStatusCode.Unauthorized)]
    [TestCase("Bearer", "8A:Cust1.token", HttpStatusCode.OK)]
    [TestCase("Bearer", "8A:Cust1.other", HttpStatusCode.Unauthorized)]
    public async Task Configured_Credentials_Are_The_Only_Ones_Accepted(string scheme, string value, HttpStatusCode expected)
    {
        // Arrange
        var options = new ChatMockOptions { Authentication = ChatMockAuthentication.Configured };
        options.Users["alice"] = "s3cret";
        options.Tickets.Add("7T:known==");
        options.BearerTokens.Add("8A:Cust1.token");
        await using var host = await HostUnderTest.StartAsync(kind, options);
        using var client = host.CreateAnonymousClient();
        using var request = Post();
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), body);
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.That(body, Does.Contain("not accepted"));
            }
        });
    }

    [Test]
    public async Task Authentication_Off_Accepts_Calls_Without_Credentials()
    {
        // Arrange
        await using var host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { Authentication = ChatMockAuthentication.Off });
        using var client = host.CreateAnonymousClient();

        // Act
        using var response = await client.SendAsync(Post());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("XSRF-TOKEN=a1b2c3", HttpStatusCode.OK)]
    [TestCase("session=1; XSRF-TOKEN=a1b2c3; theme=dark", HttpStatusCode.OK)]
    [TestCase("XSRF-TOKEN=zzz", HttpStatusCode.Unauthorized)]
    [TestCase(null, HttpStatusCode.Unauthorized)]
    public async Task Xsrf_Token_Must_Match_The_Cookie_When_Required(string? cookie, HttpStatusCode expected)
    {
        // Arrange
        await using var host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { RequireXsrfCookie = true });
        using var client = host.CreateAnonymousClient();
        using var request = Post();
        request.Headers.Add("X-XSRF-TOKEN", "a1b2c3");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Cors_With_Explicit_Origins_Refuses_Others()
    {
        // Arrange
        var options = new ChatMockOptions { CorsOrigins = ["https://app.example.com"] };
        await using var host = await HostUnderTest.StartAsync(kind, options);

        // Act
        using var allowed = await host.Client.SendAsync(Preflight("https://app.example.com"));
        using var refused = await host.Client.SendAsync(Preflight("https://evil.example.com"));
        using var post = Post();
        post.Headers.Add("Origin", "https://evil.example.com");
        using var answered = await host.Client.SendAsync(post);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example.com" }));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answered.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "the browser will not show the answer to a refused origin");
        });
    }

    [Test]
    public async Task Prefer_Delay_Waits_On_The_Host_Clock_Before_Answering()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { Seed = 1 }, clock);
        using var request = Post();
        request.Headers.TryAddWithoutValidation("Prefer", "delay=1500");

        // Act: the call is recorded before its delay starts, so the clock is moved on until the answer comes
        // (a first move can come before the delay's timer exists; it then waits for the next).
        var sending = host.Client.SendAsync(request);
        await WaitUntilAsync(() => host.Engine.Journal.Count == 1);
        var answeredBeforeTheDelay = sending.IsCompleted;
        await WaitUntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(1500));
            return sending.IsCompleted;
        });
        using var response = await sending;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answeredBeforeTheDelay, Is.False);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(host.Engine.Journal.GetCalls().Single().Delay, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        });
    }

    [Test]
    public async Task Configured_Latency_Is_Recorded_Within_Its_Range()
    {
        // Arrange
        await using var host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { MinDelayMilliseconds = 5, MaxDelayMilliseconds = 20 });

        // Act
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.Client.SendAsync(Post());
        }

        // Assert
        Assert.That(host.Engine.Journal.GetCalls().Select(c => c.Delay.TotalMilliseconds), Has.All.InRange(5, 20));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not become true within 10 s.");
            }

            await Task.Yield();
            await Task.Delay(5);
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, Path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }

    private static HttpRequestMessage Post() =>
        new(HttpMethod.Post, Path) { Content = new StringContent("""{"ChatSessionId": 403}""", Encoding.UTF8, "application/json") };
}
