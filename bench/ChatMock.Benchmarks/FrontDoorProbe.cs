using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ChatMock.Benchmarks;

/// <summary>
/// A plain loop over the standalone server's request path without sockets: the documentation sample handed to the
/// front door as a fresh <see cref="DefaultHttpContext"/>, layer by layer, so that the differences show what each
/// layer costs per request (wall time, bytes allocated). Usage: <c>frontdoor [calls] [--log | --log-discarded]</c>; <c>--log</c>
/// sends the one line per call to the console as the server does (run it with stdout to /dev/null);
/// <c>--log-discarded</c> formats each line and drops it, which leaves out the console's own cost.
/// </summary>
internal static class FrontDoorProbe
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Samples.GeneratedMessageJson);

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 200_000;
        using var loggers = args.Contains("--log") ? LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                // As the server's appsettings.json has it.
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            }))
            : args.Contains("--log-discarded") ? LoggerFactory.Create(b => b.AddProvider(new DiscardingLoggerProvider()))
            : null;
        using var server = ChatMockServer.Start(new ChatMockOptions { Port = 0, Seed = 42 }, loggers);
        var engine = server.Engine;
        var request = Samples.Request(Samples.GeneratedMessageJson);
        RequestDelegate wireMock = _ => throw new InvalidOperationException("The probe's requests are answered directly.");
        var maxBody = engine.Options.MaxRequestBodyBytes;

        var layers = new (string Name, Func<Task> Call)[]
        {
            ("context only", () =>
            {
                NewContext();
                return Task.CompletedTask;
            }),
            ("engine", () =>
            {
                NewContext();
                engine.Handle(request);
                return Task.CompletedTask;
            }),
            ("+ adapter", () => ChatMockHttpAdapter.AnswerAsync(NewContext(), engine, maxBody)),
            ("+ call log", () => server.AnswerDirectlyAsync(NewContext())),
            ("front door", () => server.FrontDoor.InvokeAsync(NewContext(), wireMock)),
        };

        // Rounds interleave the layers, so that a busy moment of the machine falls on all of them; the best round counts.
        const int Rounds = 5;
        Console.Error.WriteLine($"{calls} calls per layer and round, {Rounds} rounds, the documentation sample; best round:");
        var best = new (double Micros, double Bytes, double Cpu, double Gen1)[layers.Length];
        Array.Fill(best, (double.MaxValue, 0, 0, 0));
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 3000)
        {
            foreach (var (_, call) in layers)
            {
                await call();
            }
        }

        for (var round = 0; round < Rounds; round++)
        {
            for (var layer = 0; layer < layers.Length; layer++)
            {
                var call = layers[layer].Call;
                engine.Reset();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var gen1 = GC.CollectionCount(1);
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    await call();
                }

                wall.Stop();

                // The process's CPU time takes in the threads the request hands work to (the call log's pump).
                var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls;
                var micros = wall.Elapsed.TotalNanoseconds / calls / 1000;
                if (micros < best[layer].Micros)
                {
                    best[layer] = (micros, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)calls, cpuMicros, (GC.CollectionCount(1) - gen1) * 100_000.0 / calls);
                }
            }
        }

        for (var layer = 0; layer < layers.Length; layer++)
        {
            Console.Error.WriteLine(FormattableString.Invariant(
                $"{layers[layer].Name,-14} wall {best[layer].Micros,7:0.00} us  process cpu {best[layer].Cpu,7:0.00} us  alloc {best[layer].Bytes,7:0} B  gen1 collections per 100,000 calls {best[layer].Gen1,5:0}"));
        }

        return 0;
    }

    /// <summary>The sample as Kestrel hands it over: headers, raw target, a body stream, a response body.</summary>
    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        request.Path = Samples.Path;
        foreach (var (name, value) in Samples.SampleHeaders)
        {
            request.Headers.Append(name, value);
        }

        request.ContentLength = Body.Length;
        request.Body = new MemoryStream(Body, writable: false);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = Samples.Path;
        context.Response.Body = Stream.Null;
        return context;
    }

    /// <summary>Loggers that format every message and keep none of it.</summary>
    private sealed class DiscardingLoggerProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            GC.KeepAlive(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
