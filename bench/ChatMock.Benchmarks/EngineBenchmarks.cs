using BenchmarkDotNet.Attributes;
using ChatMock.Engine;

namespace ChatMock.Benchmarks;

/// <summary>
/// The cost of one AddChatMessage call through the engine, without HTTP: routing, credentials, reading, validation,
/// generation, writing and the journal (DESIGN.md budget: at most 20 µs and 16 KB allocated per call).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private ChatMockEngine _engine = null!;
    private ChatMockRequest[] _generated = null!;
    private ChatMockRequest[] _posted = null!;
    private ChatMockRequest _malformed = null!;
    private ChatMockRequest _violation = null!;
    private ChatMockRequest[] _xml = null!;
    private ChatMockRequest[] _select = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // Default settings (journal of 10,000 calls, unknown properties rejected), with a fixed seed.
        _engine = new ChatMockEngine(new ChatMockOptions { Seed = 42 });
        // The valid requests go round Samples.Sessions sessions, as a long-running server's are stored.
        _generated = [.. Samples.ForEachSession(Samples.GeneratedMessageJson).Select(body => Samples.Request(body))];
        _posted = [.. Samples.ForEachSession(Samples.PostedMessageJson).Select(body => Samples.Request(body))];
        _malformed = Samples.Request(Samples.MalformedJson);
        _violation = Samples.Request(Samples.ContractViolationJson);
        _xml = [.. Samples.ForEachSession(Samples.PostedMessageXml).Select(body => Samples.Request(body, "application/xml; charset=utf-8", accept: "application/xml"))];
        _select = [.. Samples.ForEachSession(Samples.GeneratedMessageJson).Select(body => Samples.Request(body, query: "?$select=Message,Author,WhenPosted"))];
        Check(_generated[0], 200);
        Check(_posted[0], 200);
        Check(_malformed, 400);
        Check(_violation, 400);
        Check(_xml[0], 200);
        Check(_select[0], 200);
    }

    [Benchmark(Baseline = true, Description = "valid JSON, generated message")]
    public object ValidJson_GeneratedMessage() => _engine.Handle(Next(_generated));

    [Benchmark(Description = "valid JSON, posted message")]
    public object ValidJson_PostedMessage() => _engine.Handle(Next(_posted));

    [Benchmark(Description = "malformed JSON")]
    public object InvalidJson_Malformed() => _engine.Handle(_malformed);

    [Benchmark(Description = "JSON breaking the contract")]
    public object InvalidJson_ContractViolation() => _engine.Handle(_violation);

    [Benchmark(Description = "XML body, XML answer")]
    public object Xml_PostedMessage() => _engine.Handle(Next(_xml));

    [Benchmark(Description = "$select, generated message")]
    public object Select_GeneratedMessage() => _engine.Handle(Next(_select));

    private ChatMockRequest Next(ChatMockRequest[] requests) => requests[_next++ % requests.Length];

    private void Check(ChatMockRequest request, int status)
    {
        var response = _engine.Handle(request);
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"The benchmark request was answered {response.StatusCode}, not {status}: {System.Text.Encoding.UTF8.GetString(response.Body.Span)}");
        }
    }
}
