using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>
/// The largest hostile bodies the server accepts, over HTTP: each is answered in bounded time with a bounded
/// answer, and a valid call sent at the same time is still answered. Times are generous guards, not benchmarks.
/// </summary>
public sealed class AbuseOverHttpTests
{
    private ChatMockServer _server = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        _client = new HttpClient { BaseAddress = _server.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [TestCase("application/json")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task Hundred_Thousand_Unknown_Fields_Are_Refused_Briefly_While_A_Valid_Call_Is_Answered(string contentType)
    {
        // Arrange: four such bodies in flight, and a valid call beside them.
        var body = contentType == "application/json"
            ? "{\"ChatSessionId\": 1" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $",\"{i}\":0")) + "}"
            : "ChatSessionId=1" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"&p{i}="));
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.LessThanOrEqualTo(1_048_576));

        // Act
        var watch = Stopwatch.StartNew();
        var abusive = Enumerable.Range(0, 4).Select(_ => PostAsync(body, contentType)).ToArray();
        var valid = await PostAsync("""{"ChatSessionId": 1, "Message": null}""", "application/json");
        var validTime = watch.Elapsed;
        var answers = await Task.WhenAll(abusive);
        watch.Stop();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(valid.Status, Is.EqualTo(200));
            Assert.That(validTime, Is.LessThan(TimeSpan.FromSeconds(30)), "the valid call was not starved");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
            foreach (var (status, text) in answers)
            {
                Assert.That(status, Is.EqualTo(400));
                Assert.That(text.Length, Is.LessThan(64 * 1024), "the answer is bounded, not an echo of the body");
                Assert.That(text, Does.Contain("more than 1000").And.Contain("reads at most 1000 in one object"));
            }
        });
    }

    [Test]
    public async Task Message_Of_A_Megabyte_Is_Answered_Whole_And_Kept_Cut()
    {
        // Arrange
        var body = $$$"""{"ChatSessionId": 1, "Message": {"Type": "ToUser", "Message": "{{{new string('m', 1_000_000)}}}"}}""";

        // Act
        var (status, text) = await PostAsync(body, "application/json");
        var kept = _server.Journal.GetCalls()[^1];

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(text.Length, Is.GreaterThan(1_000_000));
            Assert.That(kept.Request.BodyLength, Is.EqualTo(body.Length));
            Assert.That(kept.Request.Body.Length, Is.EqualTo(64 * 1024));
            Assert.That(kept.Response.Body.Length, Is.EqualTo(64 * 1024));
        });
    }

    [Test]
    public async Task Header_Values_Are_Not_Echoed_Whole()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json("""{"ChatSessionId": 1}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        request.Headers.TryAddWithoutValidation("SO-TimeZone", new string('z', 6000) + "\u001b[31m");

        // Act
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(text.Length, Is.LessThan(2_000));
        });
    }

    [Test]
    public async Task Basic_Credentials_Longer_Than_Four_Kilobytes_Are_Read()
    {
        // Arrange
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("tje0:" + new string('p', 6000)));
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json("""{"ChatSessionId": 1}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.Journal.GetCalls()[^1].Request.GetHeader("Authorization"), Is.EqualTo("Basic tje0:***"));
        });
    }

    private async Task<(int Status, string Text)> PostAsync(string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
