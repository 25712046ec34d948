using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

// The baselines of bench/load.sh. Each answers every request with the same fixed ChatMessage, prints
// "listening on <url>" once it can be called, and runs until SIGTERM or Ctrl+C (bench/load.sh runs it under
// `timeout`, so it always ends).
//   wiremock: a WireMock.Net server with the settings ChatMock's server uses (admin interface on, a log of 100
//             requests), answering through one catch-all WithCallback mapping, as ChatMock does, minus the engine.
//   kestrel:  a bare ASP.NET Core endpoint on Kestrel: the machine's practical ceiling for .NET over HTTP.
var fixedAnswer = Encoding.UTF8.GetBytes(
    """{"ChatMessageId":1,"ChatSessionId":403,"Type":"ToCustomer","Message":"Yes, we ship to Gibraltar. Delivery usually takes 8 working days.","Author":"Wilhelmine Wisozk","ReadByCustomer":0,"SpecialType":"None","SpecialParam":"","WhenPosted":"2026-11-24T09:36:51.3962592Z"}""");
const string ContentType = "application/json; charset=utf-8";

var kind = args.FirstOrDefault();
var port = args.SkipWhile(a => a != "--port").Skip(1).Select(int.Parse).FirstOrDefault();
var stop = new CancellationTokenSource(); // never disposed: ProcessExit may still cancel it after Main returns
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

switch (kind)
{
    case "wiremock":
        await RunWireMockAsync(_ => new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(ContentType) },
            BodyData = new BodyData { BodyAsBytes = fixedAnswer, DetectedBodyType = BodyType.Bytes },
        });
        return 0;
    case "kestrel":
        await RunKestrelAsync();
        return 0;
    case "freeport":
        // For peers that need a port number up front (Prism): one the system just gave out on 127.0.0.1.
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            Console.WriteLine(((System.Net.IPEndPoint)listener.LocalEndpoint).Port);
        }

        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: ChatMock.Baselines (wiremock|kestrel) [--port N] (0 or none: a free port) | freeport");
        return 2;
}

async Task RunWireMockAsync(Func<IRequestMessage, ResponseMessage> answer)
{
    using var server = WireMockServer.Start(new WireMockServerSettings
    {
        Port = port,
        StartAdminInterface = true,
        MaxRequestLogCount = 100,
    });
    server
        .Given(Request.Create().WithPath("/*").UsingAnyMethod())
        .AtPriority(1_000_000)
        .RespondWith(Response.Create().WithCallback(request => Task.FromResult<IResponseMessage>(answer(request))));
    Console.WriteLine($"listening on http://127.0.0.1:{server.Port}");
    await WaitForStopAsync();
    server.Stop();
}

async Task RunKestrelAsync()
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
    await using var app = builder.Build();
    app.Run(async context =>
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.StatusCode = 200;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = fixedAnswer.Length;
        await context.Response.Body.WriteAsync(fixedAnswer, context.RequestAborted);
    });
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Console.WriteLine($"listening on {address}");

    // The host's own lifetime takes SIGTERM and Ctrl+C here, so wait for it rather than for our token.
    await app.WaitForShutdownAsync();
}

async Task WaitForStopAsync()
{
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
