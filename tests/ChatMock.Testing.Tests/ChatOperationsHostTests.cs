using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace ChatMock.Testing.Tests;

/// <summary>The chat operations through the in-memory host (TestServer), as an HttpClient sends them.</summary>
public sealed class ChatOperationsHostTests
{
    [Test]
    public async Task Conversation_Through_The_In_Memory_Host_Is_Kept_And_Read_Back_Over_Both_Routes()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(options => options.Seed = 21);
        using var client = Client(host);

        // Act
        using var created = await client.PostAsync("api/v1/Agents/Chat/CreateChatSessionForTopic", Json("""{"ChatTopicId": 2}"""));
        var session = await ReadJson(created);
        var id = session.GetProperty("ChatSessionId").GetInt32();
        using var agentPost = await client.PostAsync("api/v1/Agents/Chat/AddChatMessage", Json($$$"""{"ChatSessionId": {{{id}}}, "Message": {"Type": "ToUser", "Message": "Hei!"}}"""));
        using var restPost = await client.PostAsync($"api/v1/ChatSession/{id}/Messages", Json("""{"Type": "ToCustomer", "Message": "Hello, how can I help?"}"""));
        var first = (await ReadJson(agentPost)).GetProperty("ChatMessageId").GetInt32();
        var after = await ReadJson(await client.GetAsync($"api/v1/ChatSession/{id}/Messages?after={first}"));
        var stored = await ReadJson(await client.GetAsync($"api/v1/ChatSession/{id}"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(session.GetProperty("TopicId").GetInt32(), Is.EqualTo(2));
            Assert.That(restPost.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.EnumerateArray().Select(m => m.GetProperty("Message").GetString()), Is.EqualTo(new[] { "Hello, how can I help?" }));
            Assert.That(stored.GetProperty("LastMessage").GetString(), Is.EqualTo("Hello, how can I help?"));
            Assert.That(stored.GetProperty("Status").GetString(), Is.EqualTo("UserLast"));
            Assert.That(host.Engine.Chat.Messages(id)!, Has.Count.EqualTo(2));
            Assert.That(host.Journal.GetCalls().Select(c => c.Operation), Is.EqualTo(new[] { "CreateChatSessionForTopic", "AddChatMessage", "AddChatMessage", "GetChatMessages", "GetChatSessionEntity" }));
        });
    }

    [Test]
    public async Task Topics_Through_The_In_Memory_Host_Answer_Xml_And_Bare_Values()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(options => options.Seed = 21);
        using var client = Client(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/ChatTopic/ForCurrentUser");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        // Act
        using var topics = await client.SendAsync(request);
        var xml = XDocument.Parse(await topics.Content.ReadAsStringAsync());
        using var open = await client.GetAsync("api/v1/ChatTopic/2/IsOpen");
        var openText = await open.Content.ReadAsStringAsync();
        using var missing = await client.GetAsync("api/v1/ChatTopic/99");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(topics.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
            Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("ArrayOfChatTopicEntity"));
            Assert.That(xml.Root.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "ChatTopicEntity", "ChatTopicEntity", "ChatTopicEntity" }));
            Assert.That(openText, Is.EqualTo("true"), "topic 2 has no opening hours: always open");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Session_Entity_Through_The_In_Memory_Host_Is_Saved_Picked_Up_And_Deleted()
    {
        // Arrange
        await using var host = await ChatMockTestHost.StartAsync(options => options.Seed = 21);
        using var client = Client(host);
        var saved = await ReadJson(await client.PostAsync("api/v1/Agents/Chat/SaveChatSessionEntity", Json("""{"ChatSessionId": 0, "CustomerName": "Kari Nordmann", "TopicId": 1}""")));
        var id = saved.GetProperty("ChatSessionId").GetInt32();

        // Act
        var picked = await ReadJson(await client.PostAsync($"api/v1/ChatSession/{id}/Pickup", null));
        using var deleted = await client.PostAsync($"api/v1/Agents/Chat/DeleteChatSessionEntity?ChatSessionEntityId={id}", null);
        using var gone = await client.GetAsync($"api/v1/ChatSession/{id}");
        using var anonymous = host.CreateClient();
        using var unauthorised = await anonymous.GetAsync("api/v1/ChatSession/ForCurrentUser");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(saved.GetProperty("CustomerName").GetString(), Is.EqualTo("Kari Nordmann"));
            Assert.That(picked.GetProperty("Status").GetString(), Is.EqualTo("UserLast"));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unauthorised.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(host.Engine.Chat.Session(id), Is.Null);
        });
    }

    private static HttpClient Client(ChatMockTestHost host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dGplMDpUamUw");
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
