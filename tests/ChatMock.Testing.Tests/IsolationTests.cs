using ChatMock.Messages;
using ChatMock.Testing.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ChatMock.Testing.Tests.Support.JournalScenario;

namespace ChatMock.Testing.Tests;

/// <summary>Hosts side by side share nothing: not the journal, not the ids, not the generated data.</summary>
public sealed class IsolationTests
{
    [Test]
    public async Task Reset_On_One_Host_Leaves_The_Other_Alone()
    {
        // Arrange
        await using var first = await ChatMockTestHost.StartAsync();
        await using var second = await ChatMockTestHost.StartAsync();
        using var firstClient = CreateClient(first);
        using var secondClient = CreateClient(second);
        await PostAsync(firstClient, """{"ChatSessionId": 1}""");
        await PostAsync(secondClient, """{"ChatSessionId": 2}""");
        await PostAsync(secondClient, """{"ChatSessionId": 2}""");

        // Act
        first.Reset(resetIds: true);
        await PostAsync(secondClient, """{"ChatSessionId": 2}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Journal.Count, Is.Zero);
            Assert.That(second.Journal, Received.Exactly(3, CallPattern.AddChatMessage.ForSession(2)));
            Assert.That(second.Journal.GetCalls()[^1].Response.ChatMessage!.ChatMessageId, Is.EqualTo(3), "the second host's ids went on");
        });
    }

    [Test]
    public async Task Hosts_With_One_Seed_Generate_Alike_Whatever_Traffic_The_Other_Gets()
    {
        // Arrange
        var start = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var busy = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 7 }, new FakeTimeProvider(start));
        await using var quiet = await ChatMockTestHost.StartAsync(new ChatMockOptions { Seed = 7 }, new FakeTimeProvider(start));
        using var busyClient = CreateClient(busy);
        using var quietClient = CreateClient(quiet);

        // Act
        for (var other = 100; other < 110; other++)
        {
            await PostAsync(busyClient, $$"""{"ChatSessionId": {{other}}}""");
        }

        await PostAsync(busyClient, """{"ChatSessionId": 5}""");
        await PostAsync(quietClient, """{"ChatSessionId": 5}""");

        // Assert
        static ChatMessage Generated(ChatMockTestHost host) =>
            host.Journal.GetCallsForSession(5).Single().Response.ChatMessage! with { ChatMessageId = null };
        Assert.Multiple(() =>
        {
            Assert.That(Generated(busy), Is.EqualTo(Generated(quiet)));
            Assert.That(busy.Journal.GetCallsForSession(5).Single().Response.ChatMessage!.ChatMessageId, Is.EqualTo(11));
            Assert.That(quiet.Journal.GetCallsForSession(5).Single().Response.ChatMessage!.ChatMessageId, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Hosts_Used_In_Parallel_Keep_Their_Own_Journals()
    {
        // Arrange
        var hosts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ChatMockTestHost.StartAsync()));
        try
        {
            // Act
            await Task.WhenAll(hosts.Select(async (host, index) =>
            {
                using var client = CreateClient(host);
                await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => PostAsync(client, $$"""{"ChatSessionId": {{index}}}""")));
            }));

            // Assert
            Assert.Multiple(() =>
            {
                for (var index = 0; index < hosts.Length; index++)
                {
                    Assert.That(hosts[index].Journal, Received.Exactly(25, CallPattern.AddChatMessage.ForSession(index)));
                    Assert.That(hosts[index].Journal, Received.Exactly(25, CallPattern.Any));
                    Assert.That(hosts[index].Journal.GetCalls().Select(c => c.Response.ChatMessage!.ChatMessageId), Is.EquivalentTo(Enumerable.Range(1, 25)));
                }
            });
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}
