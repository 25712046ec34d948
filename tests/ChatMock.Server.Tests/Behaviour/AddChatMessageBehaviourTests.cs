using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatMock.Engine;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Server.Tests.Behaviour;

/// <summary>What a client of either host sees; written once, run against both.</summary>
[TestFixtureSource(typeof(HostKinds), nameof(HostKinds.All))]
public sealed class AddChatMessageBehaviourTests(HostKind kind)
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private HostUnderTest _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() =>
        _host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { Seed = 42, MaxRequestBodyBytes = 4096 }, new FakeTimeProvider(Noon));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [SetUp]
    public void ResetHost() => _host.Engine.Reset(resetIds: true);

    [Test]
    public async Task AddChatMessage_Answers_Documentation_Sample_With_ChatMessage()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent("""{"ChatSessionId": 403, "Message": null}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        request.Headers.Accept.ParseAdd("application/json; charset=utf-8");
        request.Headers.AcceptLanguage.ParseAdd("fr,de,ru,zh");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(json.RootElement.GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(403));
            Assert.That(json.RootElement.GetProperty("ChatMessageId").GetInt32(), Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("WhenPosted").GetString(), Is.EqualTo("2026-11-24T12:00:00Z"));
        });
    }

    [Test]
    public async Task AddChatMessage_Returns_Envelope_Naming_ChatSessionId_When_It_Is_Not_An_Integer()
    {
        // Act
        using var response = await PostJsonAsync("""{"ChatSessionId": "abc"}""");

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(json.RootElement.GetProperty("Error").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("Violations")[0].GetProperty("Path").GetString(), Is.EqualTo("/ChatSessionId"));
        });
    }

    [Test]
    public async Task AddChatMessage_Echoes_Posted_Message()
    {
        // Act
        using var response = await PostJsonAsync("""{"ChatSessionId": 12, "Message": {"Type": "ToCustomer", "Message": "Your parcel ships today.", "Author": "Ola Nordmann"}}""");

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(json.RootElement.GetProperty("Message").GetString(), Is.EqualTo("Your parcel ships today."));
            Assert.That(json.RootElement.GetProperty("Author").GetString(), Is.EqualTo("Ola Nordmann"));
            Assert.That(json.RootElement.GetProperty("Type").GetString(), Is.EqualTo("ToCustomer"));
        });
    }

    [Test]
    public async Task AddChatMessage_Returns_413_When_Body_Is_Over_The_Limit()
    {
        // Act
        using var response = await PostJsonAsync("{\"ChatSessionId\": 1, \"Message\": {\"Message\": \"" + new string('x', 5000) + "\"}}");

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("RequestTooLargeException"));
        });
    }

    [Test]
    public async Task AddChatMessage_Returns_415_For_Plain_Text()
    {
        // Act
        using var response = await _host.Client.PostAsync(Path, new StringContent("{\"ChatSessionId\": 1}", Encoding.UTF8, "text/plain"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task Unknown_Path_Returns_404_Envelope()
    {
        // Act
        using var response = await _host.Client.PostAsync("/api/v1/Agents/Chat/NoSuchCall", new StringContent("{}", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"Error\":true"));
        });
    }

    [Test]
    public async Task Delete_Returns_405_With_Allow()
    {
        // Act
        using var response = await _host.Client.DeleteAsync(Path);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST", "OPTIONS" }));
        });
    }

    [Test]
    public async Task Get_Describes_The_Call()
    {
        // Act
        var text = await _host.Client.GetStringAsync(Path);

        // Assert
        Assert.That(text, Does.Contain("Add a new message to a chat session"));
    }

    [Test]
    public async Task Journal_Records_What_Was_Sent_And_Answered()
    {
        // Act
        using var ok = await PostJsonAsync("""{"ChatSessionId": 403}""");
        using var bad = await PostJsonAsync("""{"ChatSessionId": 403, "Extra": true}""");

        // Assert
        var calls = _host.Engine.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(calls, Has.Count.EqualTo(2));
            Assert.That(calls[0].AddChatMessage?.ChatSessionId, Is.EqualTo(403));
            Assert.That(calls[0].Response.StatusCode, Is.EqualTo(200));
            Assert.That(calls[0].Request.Path, Is.EqualTo(Path));
            Assert.That(calls[1].Violations.Single().Path, Is.EqualTo("/Extra"));
            Assert.That(calls[1].Response.StatusCode, Is.EqualTo(400));
        });
    }

    [Test]
    public async Task AddChatMessage_Reaches_The_Engine_By_The_Path_Under_Test()
    {
        // Arrange
        var answeredBefore = _host.Standalone?.DirectAnswers.Answered;

        // Act
        using var response = await PostJsonAsync("""{"ChatSessionId": 403}""");
        var answeredAfter = _host.Standalone?.DirectAnswers.Answered;
        using var unrelated = await _host.Client.GetAsync(HostUnderTest.UserMappingPath);
        var unrelatedBody = await unrelated.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            switch (kind)
            {
                case HostKind.Standalone:
                    Assert.That(answeredAfter - answeredBefore, Is.EqualTo(1), "answered in front of WireMock.Net's matching");
                    Assert.That(unrelated.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
                    break;
                case HostKind.StandaloneThroughWireMock:
                    Assert.That(answeredAfter - answeredBefore, Is.Zero, "answered through WireMock.Net's matching");
                    Assert.That(unrelatedBody, Is.EqualTo(HostUnderTest.UserMappingBody));
                    break;
                default:
                    Assert.That(answeredBefore, Is.Null);
                    Assert.That(unrelated.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
                    break;
            }
        });
    }

    [Test]
    public async Task Same_Requests_Give_Same_Bytes_In_Both_Hosts()
    {
        // Arrange
        await using var other = await HostUnderTest.StartAsync(
            kind == HostKind.InMemory ? HostKind.Standalone : HostKind.InMemory,
            new ChatMockOptions { Seed = 42 },
            new FakeTimeProvider(Noon));
        var bodies = new[] { """{"ChatSessionId": 403}""", """{"ChatSessionId": 1, "Message": {"Message": "Hi"}}""", """{"ChatSessionId": "x"}""", """{"ChatSessionId": 403}""" };

        // Act
        var here = new List<string>();
        var there = new List<string>();
        foreach (var body in bodies)
        {
            using var a = await _host.Client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
            using var b = await other.Client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
            here.Add(await a.Content.ReadAsStringAsync());
            there.Add(await b.Content.ReadAsStringAsync());
        }

        // Assert
        Assert.That(here, Is.EqualTo(there));
    }

    private Task<HttpResponseMessage> PostJsonAsync(string body) =>
        _host.Client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
}
