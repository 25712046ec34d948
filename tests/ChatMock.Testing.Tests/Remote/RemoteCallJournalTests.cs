using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ChatMock.Journal;
using ChatMock.Server;
using ChatMock.Testing.Remote;
using ChatMock.Testing.Tests.Support;
using NUnit.Framework.Constraints;

namespace ChatMock.Testing.Tests.Remote;

/// <summary>
/// The remote journal against a real standalone server on a port of the system's choosing: the same calls as the
/// server's own journal, and the same assertions with the same failure messages as the in-memory host.
/// </summary>
public sealed class RemoteCallJournalTests
{
    public static IEnumerable<TestCaseData> Constraints()
    {
        var session = CallPattern.AddChatMessage.ForSession(403);
        yield return new TestCaseData(Received.Exactly(1, session.WithMessageText("Hello"))).SetName("{m}(Exactly holds)");
        yield return new TestCaseData(Received.Exactly(1, session.WithMessageText("Hi"))).SetName("{m}(Exactly fails)");
        yield return new TestCaseData(Received.Exactly(0, CallPattern.Any)).SetName("{m}(Exactly fails with too many)");
        yield return new TestCaseData(Received.AtLeast(2, CallPattern.AddChatMessage)).SetName("{m}(AtLeast holds)");
        yield return new TestCaseData(Received.AtLeast(2, CallPattern.Any.WithStatus(400))).SetName("{m}(AtLeast fails)");
        yield return new TestCaseData(Received.Never(CallPattern.Any.WithStatus(500))).SetName("{m}(Never holds)");
        yield return new TestCaseData(Received.Never(CallPattern.Any.WithViolations())).SetName("{m}(Never fails)");
        yield return new TestCaseData(Received.Never(CallPattern.Any.WithViolationAt("/ChatSessionId"))).SetName("{m}(WithViolationAt)");
        yield return new TestCaseData(Received.Exactly(2, CallPattern.AddChatMessage.WithoutViolations())).SetName("{m}(WithoutViolations)");
        yield return new TestCaseData(Received.Exactly(1, CallPattern.Any.Where(c => c.Credentials?.UserName == "tje0", "from user tje0"))).SetName("{m}(Where)");
        yield return new TestCaseData(Received.InOrder(session, CallPattern.AddChatMessage.ForSession(404))).SetName("{m}(InOrder holds)");
        yield return new TestCaseData(Received.InOrder(CallPattern.AddChatMessage.ForSession(404), session)).SetName("{m}(InOrder fails)");
        yield return new TestCaseData(Received.NoContractViolations()).SetName("{m}(NoContractViolations fails)");
    }

    [TestCaseSource(nameof(Constraints))]
    public async Task Constraint_On_Remote_Journal_Gives_The_Same_Result_And_Message_As_In_Memory(IResolveConstraint constraint)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 });
        using (var serverClient = ClientFor(server))
        using (var hostClient = JournalScenario.CreateClient(host))
        {
            await SendFourCallsAsync(serverClient);
            await SendFourCallsAsync(hostClient);
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act
        var remoteResult = Apply(constraint, remote.Journal);
        var hostResult = Apply(constraint, host.Journal);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(remoteResult.IsSuccess, Is.EqualTo(hostResult.IsSuccess));
            Assert.That(remoteResult.Message, Is.EqualTo(hostResult.Message));
        });
    }

    [Test]
    public async Task GetCalls_Reads_Every_Field_The_Servers_Own_Journal_Holds()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using (var client = ClientFor(server))
        {
            await SendFourCallsAsync(client);
            using var request = new HttpRequestMessage(HttpMethod.Post, JournalScenario.Path + "?$select=Message")
            {
                Content = new StringContent("""{"chatSessionId": 7, "Message": {"Type": "ToUser", "Message": "Hej", "WhenPosted": "2026-01-01T00:00:00Z"}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Prefer", "code=503");
            request.Headers.Add("SO-Language", "nb");
            using var response = await client.SendAsync(request);
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act
        var remoteCalls = remote.Journal.GetCalls();
        var localCalls = server.Journal.GetCalls();

        // Assert
        Assert.That(remoteCalls, Has.Count.EqualTo(5));
        Assert.That(remoteCalls.Select(Describe), Is.EqualTo(localCalls.Select(Describe)));
        Assert.That(remoteCalls[4].Warnings, Is.Not.Empty, "the body used another casing and posted a server-assigned field");
    }

    [Test]
    public async Task GetCalls_More_Calls_Than_A_Page_Reads_Them_All_Oldest_First()
    {
        // Arrange
        const int calls = RemoteCallJournal.PageSize + 5;
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using (var client = ClientFor(server))
        {
            for (var i = 0; i < calls; i++)
            {
                await JournalScenario.PostAsync(client, $$"""{"ChatSessionId": {{i}}, "Message": null}""");
            }
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act
        var read = remote.Journal.GetCalls();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, calls).Select(i => (long)i)));
            Assert.That(read[^1].AddChatMessage!.ChatSessionId, Is.EqualTo(calls - 1));
        });
    }

    [Test]
    public async Task Constraint_On_A_Full_Remote_Journal_Says_It_Dropped_Calls_As_In_Memory()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, JournalCapacity = 2 });
        await using var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1, JournalCapacity = 2 });
        using (var serverClient = ClientFor(server))
        using (var hostClient = JournalScenario.CreateClient(host))
        {
            await SendFourCallsAsync(serverClient);
            await SendFourCallsAsync(hostClient);
        }

        using var remote = new ChatMockRemote(server.Url);
        var constraint = Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403));

        // Act
        var message = JournalScenario.FailureMessage(constraint, remote);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("The journal dropped its 2 oldest calls: it keeps 2 (JournalCapacity)."));
            Assert.That(message, Is.EqualTo(JournalScenario.FailureMessage(constraint, host)));
            Assert.That(remote.Journal.Capacity, Is.EqualTo(2));
            Assert.That(remote.Journal.TotalRecorded, Is.EqualTo(4));
            Assert.That(remote.Journal.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Find_Known_And_Unknown_Ids_Returns_The_Call_Or_Null()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using (var client = ClientFor(server))
        {
            await SendFourCallsAsync(client);
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act
        var third = remote.Journal.Find(3);
        var unknown = remote.Journal.Find(99);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(third?.Id, Is.EqualTo(3));
            Assert.That(third?.Violations.Single().ToString(), Is.EqualTo(JournalScenario.AbcViolation));
            Assert.That(unknown, Is.Null);
        });
    }

    [Test]
    public async Task GetCallsAsync_And_FindAsync_Read_What_The_Synchronous_Members_Read()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using (var client = ClientFor(server))
        {
            await SendFourCallsAsync(client);
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act
        var calls = await remote.Journal.GetCallsAsync();
        var second = await remote.Journal.FindAsync(2);
        var unknown = await remote.Journal.FindAsync(99);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(Describe), Is.EqualTo(remote.Journal.GetCalls().Select(Describe)));
            Assert.That(second is null ? null : Describe(second), Is.EqualTo(Describe(remote.Journal.Find(2)!)));
            Assert.That(unknown, Is.Null);
        });
    }

    [TestCase(false, 3)]
    [TestCase(true, 1)]
    public async Task Reset_Clears_The_Servers_Journal_And_Ids_When_Asked(bool resetIds, int nextMessageId)
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using var client = ClientFor(server);
        await SendFourCallsAsync(client);
        using var remote = new ChatMockRemote(server.Url);

        // Act
        await remote.ResetAsync(resetIds);
        using var response = await client.PostAsync(JournalScenario.Path, new StringContent("""{"ChatSessionId": 5, "Message": null}""", Encoding.UTF8, "application/json"));

        // Assert
        var calls = remote.Journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(server.Journal.Count, Is.EqualTo(1));
            Assert.That(calls, Has.Count.EqualTo(1));
            Assert.That(calls[0].Response.ChatMessage?.ChatMessageId, Is.EqualTo(nextMessageId));
        });
        Assert.That(remote, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(5)));
    }

    [Test]
    public async Task Clear_Forgets_Every_Call()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using (var client = ClientFor(server))
        {
            await SendFourCallsAsync(client);
        }

        using var remote = new ChatMockRemote(server.Url);

        // Act: the obsolete Clear still forwards to the one reset.
#pragma warning disable CS0618
        remote.Journal.Clear();
#pragma warning restore CS0618

        // Assert
        Assert.That(remote.Journal, Received.Never(CallPattern.Any));
        Assert.That(server.Journal.Count, Is.Zero);
    }

    [Test]
    public async Task Journal_Of_A_Server_With_An_Admin_Token_Sends_It_As_Bearer()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, AdminToken = "s3cret-token" });
        using (var client = ClientFor(server))
        {
            await SendFourCallsAsync(client);
        }

        using var remote = new ChatMockRemote(server.Url, "s3cret-token");

        // Act
        var count = remote.Journal.Count;

        // Assert
        Assert.That(count, Is.EqualTo(4));
        Assert.That(remote, Received.AtLeast(1, CallPattern.AddChatMessage));
    }

    [Test]
    public async Task Journal_Through_A_Client_Whose_Authorization_Is_Taken_Sends_The_Token_In_Its_Own_Header()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1, AdminToken = "s3cret-token" });
        using var client = ClientFor(server);
        await SendFourCallsAsync(client);
        using var remote = new ChatMockRemote(client, "s3cret-token");

        // Act
        var calls = remote.Journal.GetCalls();

        // Assert
        Assert.That(calls, Has.Count.EqualTo(4));
        Assert.That(client.DefaultRequestHeaders.Authorization?.Scheme, Is.EqualTo("Basic"), "the client's own header is left alone");
    }

    [Test]
    public void Journal_Without_The_Servers_Admin_Token_Throws_Saying_So()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, AdminToken = "s3cret-token" });
        using var remote = new ChatMockRemote(server.Url);

        // Act
        var refused = Assert.Throws<HttpRequestException>(() => remote.Journal.GetCalls());

        // Assert
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refused.Message, Does.Contain("answered 401").And.Contain("pass it to ChatMockRemote"));
    }

    [Test]
    public void Journal_Of_No_Server_Throws_Naming_The_Address()
    {
        // Arrange
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var remote = new ChatMockRemote(new Uri($"http://127.0.0.1:{port}"));

        // Act
        var failed = Assert.Throws<HttpRequestException>(() => _ = remote.Journal.Count);

        // Assert
        Assert.That(failed!.Message, Does.Contain($"http://127.0.0.1:{port}/__admin/chatmock/calls/count").And.Contain("Is the server running there?"));
    }

    [Test]
    public void Constructor_Client_Without_Base_Address_Throws()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        var thrown = Assert.Throws<ArgumentException>(() => _ = new ChatMockRemote(client));

        // Assert
        Assert.That(thrown!.Message, Does.Contain("BaseAddress"));
    }

    [Test]
    public async Task Reset_Of_A_Server_In_Process_With_ResetIds_Starts_Ids_Again()
    {
        // Arrange
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 1 });
        using var client = ClientFor(server);
        await SendFourCallsAsync(client);

        // Act
        server.Reset(resetIds: true);
        await JournalScenario.PostAsync(client, """{"ChatSessionId": 403}""");

        // Assert
        Assert.That(server.Journal.GetCalls().Single().Response.ChatMessage!.ChatMessageId, Is.EqualTo(1));
    }

    private static HttpClient ClientFor(ChatMockServer server)
    {
        var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        return client;
    }

    // The four calls of JournalScenario.StartWithFourCallsAsync, to any client.
    private static async Task SendFourCallsAsync(HttpClient client)
    {
        await JournalScenario.PostAsync(client, """{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}""");
        await JournalScenario.PostAsync(client, """{"ChatSessionId": 404, "Message": {"Type": "ToCustomer", "Message": "Hi"}}""");
        await JournalScenario.PostAsync(client, """{"ChatSessionId": "abc"}""");
        using var notFound = await client.GetAsync("/api/v1/Agents/Chat/Other");
    }

    private static (bool IsSuccess, string Message) Apply(IResolveConstraint constraint, object actual)
    {
        var result = constraint.Resolve().ApplyTo(actual);
        var writer = new NUnit.Framework.Internal.TextMessageWriter();
        result.WriteMessageTo(writer);
        return (result.IsSuccess, writer.ToString().ReplaceLineEndings("\n"));
    }

    private static string Describe(RecordedCall call) => string.Join(
        " | ",
        call.Id,
        call.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        call.Duration.TotalMilliseconds,
        call.Operation,
        call.Request.Method,
        call.Request.Path,
        call.Request.QueryString,
        call.Request.Body,
        call.Request.BodyLength,
        call.Request.GetHeader("Content-Type"),
        call.Request.GetHeader("Authorization"),
        call.Request.GetHeader("Prefer"),
        call.Request.GetHeader("SO-Language"),
        call.Request.Headers.Count,
        call.AddChatMessage,
        call.Credentials,
        string.Join(";", call.Violations),
        string.Join(";", call.Warnings),
        call.Delay,
        call.Fault,
        call.Response.StatusCode,
        call.Response.ContentType,
        call.Response.Body,
        call.Response.ChatMessage);
}
