using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChatMock.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatMock.Benchmarks;

/// <summary>
/// One AddChatMessage call through <see cref="HttpClient"/> to the in-memory host, against the same call to a bare
/// TestServer endpoint that reads the body and answers a fixed ChatMessage (DESIGN.md budget: within 2x).
/// </summary>
[MemoryDiagnoser]
public class InMemoryHostBenchmarks
{
    public static readonly byte[] FixedAnswer = Encoding.UTF8.GetBytes(
        """{"ChatMessageId":1,"ChatSessionId":403,"Type":"ToCustomer","Message":"Yes, we ship to Gibraltar. Delivery usually takes 8 working days.","Author":"Wilhelmine Wisozk","ReadByCustomer":0,"SpecialType":"None","SpecialParam":"","WhenPosted":"2026-11-24T09:36:51.3962592Z"}""");

    private ChatMockTestHost _chatMock = null!;
    private HttpClient _chatMockClient = null!;
    private IHost _bare = null!;
    private HttpClient _bareClient = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _chatMock = await ChatMockTestHost.StartAsync(options => options.Seed = 42);
        _chatMockClient = _chatMock.CreateClient();
        _bare = await StartBareTestServerAsync();
        _bareClient = _bare.GetTestServer().CreateClient();
        foreach (var client in new[] { _chatMockClient, _bareClient })
        {
            using var response = await Send(client);
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"The benchmark request was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _chatMockClient.Dispose();
        _bareClient.Dispose();
        await _chatMock.DisposeAsync();
        await _bare.StopAsync();
        _bare.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare TestServer, fixed body")]
    public async Task<int> BareTestServer()
    {
        using var response = await Send(_bareClient);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Description = "ChatMock in-memory host")]
    public async Task<int> ChatMockTestHost_AddChatMessage()
    {
        using var response = await Send(_chatMockClient);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static readonly string[] Bodies = Samples.ForEachSession(Samples.GeneratedMessageJson);
    private static int s_next;

    /// <summary>Sends the documentation page's sample request, to Samples.Sessions sessions in turn.</summary>
    public static Task<HttpResponseMessage> Send(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Samples.Path)
        {
            Content = new StringContent(Bodies[(Interlocked.Increment(ref s_next) & int.MaxValue) % Bodies.Length], Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dGplMDpUamUw");
        request.Headers.Accept.ParseAdd("application/json; charset=utf-8");
        request.Headers.AcceptLanguage.ParseAdd("fr,de,ru,zh");
        return client.SendAsync(request);
    }

    /// <summary>The baseline: a TestServer whose only endpoint reads the body and answers a fixed ChatMessage.</summary>
    public static async Task<IHost> StartBareTestServerAsync()
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHost(web => web
                .UseTestServer()
                .Configure(app => app.Run(async context =>
                {
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json; charset=utf-8";
                    context.Response.ContentLength = FixedAnswer.Length;
                    await context.Response.Body.WriteAsync(FixedAnswer, context.RequestAborted);
                })))
            .Build();
        await host.StartAsync();
        return host;
    }
}
