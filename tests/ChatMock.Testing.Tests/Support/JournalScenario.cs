using System.Net.Http.Headers;
using System.Text;
using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;

namespace ChatMock.Testing.Tests.Support;

/// <summary>Sends calls to an in-memory host and reads the failure message a journal constraint writes.</summary>
internal static class JournalScenario
{
    public const string Path = "/api/v1/Agents/Chat/AddChatMessage";

    /// <summary>The violation the engine reports for <c>{"ChatSessionId": "abc"}</c>.</summary>
    public const string AbcViolation = "/ChatSessionId: Expected an integer from -2147483648 to 2147483647 but got the string \"abc\".";

    /// <summary>A client that sends Basic credentials of user tje0, as SuperOffice requires.</summary>
    public static HttpClient CreateClient(ChatMockTestHost host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        return client;
    }

    public static async Task PostAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));
    }

    /// <summary>
    /// Records four calls: #1 session 403 "Hello" (200), #2 session 404 "Hi" (200), #3 a ChatSessionId that is not
    /// a number (400), #4 a GET to a path with no operation (404).
    /// </summary>
    public static async Task<ChatMockTestHost> StartWithFourCallsAsync()
    {
        var host = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 1 });
        using var client = CreateClient(host);
        await PostAsync(client, """{"ChatSessionId": 403, "Message": {"Type": "ToCustomer", "Message": "Hello"}}""");
        await PostAsync(client, """{"ChatSessionId": 404, "Message": {"Type": "ToCustomer", "Message": "Hi"}}""");
        await PostAsync(client, """{"ChatSessionId": "abc"}""");
        using var notFound = await client.GetAsync("/api/v1/Agents/Chat/Other");
        return host;
    }

    /// <summary>Applies <paramref name="constraint"/> and returns its failure message, with \n line ends.</summary>
    public static string FailureMessage(IResolveConstraint constraint, object actual)
    {
        var result = constraint.Resolve().ApplyTo(actual);
        Assert.That(result.IsSuccess, Is.False, "the constraint was expected to fail");
        var writer = new TextMessageWriter();
        result.WriteMessageTo(writer);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Returns whether <paramref name="constraint"/> holds for <paramref name="actual"/>.</summary>
    public static bool Holds(IResolveConstraint constraint, object actual) => constraint.Resolve().ApplyTo(actual).IsSuccess;

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
