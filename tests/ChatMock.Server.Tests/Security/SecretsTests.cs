using System.Net.Http.Headers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatMock.Server.Tests.Admin.AdminHttp;

namespace ChatMock.Server.Tests.Security;

/// <summary>Credential-bearing headers are redacted wherever a request is kept or shown.</summary>
public sealed class SecretsTests
{
    private const string Password = "Tje0-secret-password";
    private const string Cookie = "cookie-secret-value";
    private const string Xsrf = "xsrf-secret-value";
    private const string AdminSecret = "admin-secret-value";

    [TestCase(true)]
    [TestCase(false)]
    public async Task Secrets_Appear_Nowhere_A_Request_Is_Kept_Or_Shown(bool answeredByAMapping)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, WireMockLogCapacity = 10 });
        if (answeredByAMapping)
        {
            server.WireMock.Given(Request.Create().WithPath(CallPath)).RespondWith(Response.Create().WithStatusCode(202));
        }

        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, CallPath) { Content = Json("""{"ChatSessionId": 1}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("tje0:"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(Password)).ToArray()));
        request.Headers.Add("Cookie", $"session={Cookie}; XSRF-TOKEN={Xsrf}");
        request.Headers.Add("X-XSRF-TOKEN", Xsrf);
        request.Headers.Add("X-ChatMock-Admin-Token", AdminSecret);
        request.Headers.Add("Proxy-Authorization", $"Basic {Password}");

        // Act
        using var response = await client.SendAsync(request);
        var kept = server.Journal.GetCalls().Single(c => c.Request.Path == CallPath);
        var shown = new[]
        {
            string.Join('\n', kept.Request.Headers.Select(h => $"{h.Key}: {h.Value}")),
            await client.GetStringAsync("/__admin/chatmock/calls"),
            await client.GetStringAsync($"/__admin/chatmock/calls/{kept.Id}"),
            await client.GetStringAsync("/__admin/requests"),
        };

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(kept.Request.GetHeader("Authorization"), Is.EqualTo("Basic tje0:***"));
            Assert.That(kept.Request.GetHeader("Cookie"), Is.EqualTo("session=***; XSRF-TOKEN=***"));
            Assert.That(kept.Request.GetHeader("X-XSRF-TOKEN"), Is.EqualTo("***"));
            Assert.That(kept.Request.GetHeader("X-ChatMock-Admin-Token"), Is.EqualTo("***"));
            Assert.That(kept.Request.GetHeader("Proxy-Authorization"), Is.EqualTo("Basic ***"));
            foreach (var text in shown)
            {
                Assert.That(text, Does.Not.Contain(Password).And.Not.Contain(Cookie).And.Not.Contain(Xsrf).And.Not.Contain(AdminSecret));
            }
        });
    }
}
