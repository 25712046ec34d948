using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace ChatMock.Server.Tests.Behaviour;

/// <summary>SuperOffice's WebAPI protocol as a client meets it, in either host: credentials, bodies, answers, CORS, faults.</summary>
[TestFixtureSource(typeof(HostKinds), nameof(HostKinds.All))]
public sealed class ProtocolBehaviourTests(HostKind kind)
{
    private const string Path = "/api/v1/Agents/Chat/AddChatMessage";
    private const string SampleBody = """{"ChatSessionId": 403, "Message": null}""";
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private HostUnderTest _host = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await HostUnderTest.StartAsync(kind, new ChatMockOptions { Seed = 42 }, new FakeTimeProvider(Noon));
        _anonymous = _host.CreateAnonymousClient();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _anonymous.Dispose();
        await _host.DisposeAsync();
    }

    [SetUp]
    public void ResetHost() => _host.Engine.Reset(resetIds: true);

    // Authentication

    [Test]
    public async Task Call_Without_Credentials_Gets_401_With_Challenge()
    {
        // Act
        using var response = await _anonymous.PostAsync(Path, Json(SampleBody));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Basic realm=\"SuperOffice Username or Ticket\""));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"ErrorType\":\"SoAuthenticationException\"").And.Contain("no credentials"));
        });
    }

    [TestCase("Basic", "not base64!", "malformed")]
    [TestCase("Basic", "dXNlcm5hbWVvbmx5", "malformed")]
    [TestCase("Digest", "username=tje0", "'Digest' is not supported")]
    [TestCase("Bearer", "", "empty")]
    public async Task Call_With_Bad_Credentials_Gets_401_Saying_Why(string scheme, string value, string reason)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Authorization", (scheme + " " + value).Trim() + (value.Length == 0 ? " " : string.Empty));

        // Act
        using var response = await _anonymous.SendAsync(request);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(reason));
        });
    }

    [TestCase("SOTICKET 7T:abc123==")]
    [TestCase("SOTicket 7T:abc123==")]
    [TestCase("SoTicket 7T:abc123==")]
    [TestCase("Bearer 8A:Cust12345.AGYA")]
    [TestCase("Basic dGplMDpUamUw")]
    public async Task Call_With_Well_Formed_Credentials_Is_Accepted(string authorization)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        // Act
        using var response = await _anonymous.SendAsync(request);

        // Assert
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(call.Credentials!.Scheme, Is.EqualTo(authorization.Split(' ')[0]));
            Assert.That(call.Request.GetHeader("Authorization"), Does.Not.Contain(authorization.Split(' ')[1]), "the secret is not recorded");
        });
    }

    [Test]
    public async Task Journal_Records_Basic_User_Name_But_Never_The_Password()
    {
        // Act
        using var response = await _host.Client.PostAsync(Path, Json(SampleBody));

        // Assert
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Credentials, Is.EqualTo(new Protocol.Credentials("Basic", "tje0")));
            Assert.That(call.Request.GetHeader("Authorization"), Is.EqualTo("Basic tje0:***"));
        });
    }

    [Test]
    public async Task Call_With_Xsrf_Token_And_No_Authorization_Is_Accepted()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Add("X-XSRF-TOKEN", "a1b2c3");

        // Act
        using var response = await _anonymous.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    // Request bodies

    [TestCase("application/xml")]
    [TestCase("text/xml; charset=utf-8")]
    public async Task Xml_Body_Is_Read_Like_Json(string contentType)
    {
        // Arrange
        const string xml = """
            <AddChatMessage><ChatSessionId>12</ChatSessionId><Message><Type>ToUser</Type><Message>Hei, hvor er pakken min?</Message><ReadByCustomer>1</ReadByCustomer></Message></AddChatMessage>
            """;

        // Act
        using var response = await _host.Client.PostAsync(Path, new StringContent(xml, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

        // Assert
        var message = _host.Engine.Journal.GetCalls().Single().Response.ChatMessage;
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"), "an XML body with no Accept gets XML back");
            Assert.That(message?.ChatSessionId, Is.EqualTo(12));
            Assert.That(message?.Message, Is.EqualTo("Hei, hvor er pakken min?"));
            Assert.That(message?.ReadByCustomer, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Xml_Body_Breaking_The_Contract_Gets_The_Same_Violations_As_Json_In_Xml()
    {
        // Act
        using var response = await _host.Client.PostAsync(Path, new StringContent("<r><ChatSessionId>abc</ChatSessionId></r>", Encoding.UTF8, "application/xml"));

        // Assert
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.Name.LocalName, Is.EqualTo("Error"));
            Assert.That(error.Element("ErrorType")?.Value, Is.EqualTo("ContractViolationException"));
            Assert.That(error.Element("Violations")?.Element("Violation")?.Element("Path")?.Value, Is.EqualTo("/ChatSessionId"));
            Assert.That(error.Element("Violations")?.Element("Violation")?.Element("Message")?.Value, Does.EndWith("but got the string \"abc\"."));
        });
    }

    [TestCase("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r><ChatSessionId>&x;</ChatSessionId></r>")]
    [TestCase("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r><ChatSessionId>&b;</ChatSessionId></r>")]
    public async Task Xml_Body_With_A_Dtd_Is_Refused(string xml)
    {
        // Act
        using var response = await _host.Client.PostAsync(Path, new StringContent(xml, Encoding.UTF8, "application/xml"));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not valid XML").And.Contain("DTD"));
        });
    }

    [Test]
    public async Task Form_Body_Is_Read_Like_Json()
    {
        // Arrange
        var form = new FormUrlEncodedContent(
        [
            new("ChatSessionId", "7"),
            new("Message.Type", "ToCustomer"),
            new("Message[Author]", "Kari Nordmann"),
            new("Message.Message", "Pakken er på vei!"),
        ]);

        // Act
        using var response = await _host.Client.PostAsync(Path, form);

        // Assert
        var message = _host.Engine.Journal.GetCalls().Single().Response.ChatMessage;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(message?.ChatSessionId, Is.EqualTo(7));
            Assert.That(message?.Author, Is.EqualTo("Kari Nordmann"));
            Assert.That(message?.Message, Is.EqualTo("Pakken er på vei!"));
        });
    }

    [Test]
    public async Task Form_Body_With_Empty_Message_Means_Null()
    {
        // Act
        using var response = await _host.Client.PostAsync(Path, new FormUrlEncodedContent([new("ChatSessionId", "7"), new("Message", string.Empty)]));

        // Assert
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(call.AddChatMessage!.Message, Is.Null);
            Assert.That(call.Response.ChatMessage!.Message, Is.Not.Empty, "a message was made up");
        });
    }

    // Responses

    [TestCase("application/xml", "application/xml")]
    [TestCase("text/xml", "text/xml")]
    [TestCase("text/json", "text/json")]
    [TestCase("application/merge-patch+json", "application/merge-patch+json")]
    [TestCase("application/xml;q=0.5, application/json", "application/json")]
    [TestCase("text/html, application/xml;q=0.9, */*;q=0.8", "application/xml")]
    [TestCase("*/*", "application/json")]
    public async Task Accept_Chooses_The_Answer_Format(string accept, string expected)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(expected));
            Assert.That(body, expected.Contains("xml", StringComparison.Ordinal) ? Does.Contain("<ChatMessage") : Does.StartWith("{"));
        });
    }

    [Test]
    public async Task Xml_Answer_Has_ChatMessage_Root_With_One_Element_Per_Property()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Accept.ParseAdd("application/xml");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Multiple(() =>
        {
            Assert.That(root.Name.LocalName, Is.EqualTo("ChatMessage"));
            Assert.That(root.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[]
            {
                "ChatMessageId", "ChatSessionId", "Type", "Message", "Author", "ReadByCustomer", "SpecialType", "SpecialParam", "WhenPosted",
            }));
            Assert.That(root.Element("ChatSessionId")?.Value, Is.EqualTo("403"));
        });
    }

    [Test]
    public async Task Accept_With_Nothing_ChatMock_Can_Produce_Gets_406()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Accept", "text/html, image/png");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("NotAcceptableException"));
        });
    }

    [TestCase("?$select=Message,chatsessionid")]
    [TestCase("?%24select=message%2CChatSessionId")]
    public async Task Select_Keeps_Only_The_Named_Properties(string query)
    {
        // Act
        using var response = await _host.Client.PostAsync(Path + query, Json(SampleBody));

        // Assert
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("ChatSessionId").GetInt32(), Is.EqualTo(403));
            Assert.That(root.GetProperty("Message").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("ChatMessageId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("WhenPosted").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("Author").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Select_Records_Unknown_Names_As_Warnings()
    {
        // Act
        using var response = await _host.Client.PostAsync(Path + "?$select=Message,department,category/id", Json(SampleBody));

        // Assert
        var warnings = _host.Engine.Journal.GetCalls().Single().Warnings;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(warnings, Has.Some.Contains("'department'").And.Some.Contains("'category/id'"));
        });
    }

    [TestCase("NO", "2026-11-24T13:00:00")]
    [TestCase("261", "2026-11-24T13:00:00")]
    [TestCase("UTC", "2026-11-24T12:00:00")]
    [TestCase("US-NY, includeTZOffset", "2026-11-24T07:00:00-0500")]
    [TestCase("us-ca,includeTZOffset", "2026-11-24T04:00:00-0800")]
    [TestCase("FR, includeTZOffset", "2026-11-24T13:00:00+0100")]
    public async Task SO_TimeZone_Writes_WhenPosted_In_That_Zone(string header, string expected)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Add("SO-TimeZone", header);

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("WhenPosted").GetString(), Is.EqualTo(expected));
    }

    [TestCase("CET")]
    [TestCase("NO, withOffset")]
    [TestCase("99999")]
    public async Task SO_TimeZone_Unknown_Gets_400_Naming_The_Header(string header)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Add("SO-TimeZone", header);

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("InvalidHeaderException").And.Contain("SO-TimeZone"));
        });
    }

    [Test]
    public async Task Languages_Choose_The_Locale_Of_Generated_Data()
    {
        // Act: the same session's first message, generated three times after resets
        var english = await GeneratedAsync(("Accept-Language", "en-US"));
        var norwegian = await GeneratedAsync(("Accept-Language", "nb-NO, en;q=0.5"));
        var overridden = await GeneratedAsync(("Accept-Language", "nb-NO"), ("SO-Language", "en"));
        var off = await GeneratedAsync(("Accept-Language", "nb-NO"), ("SO-Language", "*"));
        var unknownFallsBack = await GeneratedAsync(("Accept-Language", "xx, nb;q=0.8"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(norwegian, Is.Not.EqualTo(english));
            Assert.That(overridden, Is.EqualTo(english), "SO-Language overrides Accept-Language");
            Assert.That(off, Is.EqualTo(english), "SO-Language * turns translation off");
            Assert.That(unknownFallsBack, Is.EqualTo(norwegian), "a language with no data falls back to the next accepted one");
        });
    }

    [Test]
    public async Task SO_Culture_And_SO_AppToken_Are_Accepted_And_Recorded()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Add("SO-Culture", "nb");
        request.Headers.Add("SO-AppToken", "app-123");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(call.Request.GetHeader("SO-Culture"), Is.EqualTo("nb"));
            Assert.That(call.Request.GetHeader("SO-AppToken"), Is.EqualTo("***"), "an application token is a secret, kept redacted");
        });
    }

    // CORS

    [Test]
    public async Task Preflight_Allows_The_WebApi_Headers_With_Credentials()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Options, Path);
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, so-timezone");

        // Act
        using var response = await _anonymous.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("http://localhost:3000"));
            Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.EqualTo("true"));
            Assert.That(Header(response, "Access-Control-Allow-Methods"), Does.Contain("POST"));
            Assert.That(Header(response, "Access-Control-Allow-Headers"), Does.Contain("Authorization").And.Contain("X-XSRF-TOKEN").And.Contain("SO-TimeZone").And.Contain("SO-AppToken"));
        });
    }

    [Test]
    public async Task Answer_To_A_Browser_Carries_The_Allowed_Origin()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.Add("Origin", "http://localhost:5173");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("http://localhost:5173"));
        });
    }

    // Faults and forced answers

    [TestCase(400, "ContractViolationException")]
    [TestCase(401, "SoAuthenticationException")]
    [TestCase(404, "SoNotFoundException")]
    [TestCase(500, "SoException")]
    [TestCase(503, "ServiceUnavailableException")]
    public async Task Prefer_Code_Forces_A_Documented_Error(int code, string errorType)
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Prefer", "code=" + code);

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(code));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(errorType).And.Contain("forced by Prefer"));
            Assert.That(call.Fault, Is.EqualTo("code=" + code));
            Assert.That(call.AddChatMessage?.ChatSessionId, Is.EqualTo(403), "the body was still read and recorded");
        });
    }

    [Test]
    public async Task Prefer_Code_ChatMock_Cannot_Force_Gets_400()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Prefer", "code=418");

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("400, 401, 404, 500, 503"));
        });
    }

    [Test]
    public void Prefer_Fault_Drop_Closes_The_Connection_And_Is_Recorded()
    {
        // Arrange
        using var request = Post(SampleBody);
        request.Headers.TryAddWithoutValidation("Prefer", "fault=drop");

        // Act and assert
        Assert.That(async () => await _host.Client.SendAsync(request), Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>().Or.InstanceOf<OperationCanceledException>());
        var call = _host.Engine.Journal.GetCalls().Single();
        Assert.That(call.Fault, Is.EqualTo("fault=drop"));
    }

    private async Task<string> GeneratedAsync(params (string Name, string Value)[] headers)
    {
        _host.Engine.Reset(resetIds: true);
        using var request = Post(SampleBody);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _host.Client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values)
        : null;

    private static HttpRequestMessage Post(string body) => new(HttpMethod.Post, Path) { Content = Json(body) };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
