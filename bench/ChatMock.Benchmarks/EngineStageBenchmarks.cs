using System.Text;
using BenchmarkDotNet.Attributes;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Carriers;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.FakeData;
using ChatMock.Messages;
using ChatMock.Protocol;
using Newtonsoft.Json.Linq;

namespace ChatMock.Benchmarks;

/// <summary>
/// The stages of one call, one by one, to find where the engine's time and allocations go (DESIGN.md budgets are
/// for the whole call: <see cref="EngineBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class EngineStageBenchmarks
{
    private static readonly byte[] Generated = Encoding.UTF8.GetBytes(Samples.GeneratedMessageJson);
    private static readonly byte[] Posted = Encoding.UTF8.GetBytes(Samples.PostedMessageJson);
    private static readonly byte[] Xml = Encoding.UTF8.GetBytes(Samples.PostedMessageXml);

    private ContractValidator _validator = null!;
    private ContractSchemas _schemas = null!;
    private ChatMessage _message = null!;
    private int _seed;

    [GlobalSetup]
    public void Setup()
    {
        _schemas = ContractSchemas.Embedded;
        _validator = new ContractValidator(_schemas.Request, rejectUnknownProperties: true);
        _message = ChatMessageFaker.Generate(42, "fr") with { ChatMessageId = 1, ChatSessionId = 403, WhenPosted = "2026-11-24T09:36:51.3962592Z" };
    }

    [Benchmark(Description = "read JSON (sample)")]
    public JToken? ReadJson_Generated()
    {
        JsonBodyReader.TryRead(Generated, out var document, out _);
        return document;
    }

    [Benchmark(Description = "read JSON (posted message)")]
    public JToken? ReadJson_Posted()
    {
        JsonBodyReader.TryRead(Posted, out var document, out _);
        return document;
    }

    [Benchmark(Description = "read + validate JSON (sample)")]
    public bool ReadAndValidate_Generated()
    {
        JsonBodyReader.TryRead(Generated, out var document, out _);
        return _validator.Validate(document!).IsValid;
    }

    [Benchmark(Description = "read + validate JSON (posted message)")]
    public bool ReadAndValidate_Posted()
    {
        JsonBodyReader.TryRead(Posted, out var document, out _);
        return _validator.Validate(document!).IsValid;
    }

    [Benchmark(Description = "read XML (posted message)")]
    public JToken? ReadXml_Posted()
    {
        XmlBodyReader.TryRead(Xml, _schemas.Request, out var document, out _);
        return document;
    }

    [Benchmark(Description = "generate message (fr)")]
    public ChatMessage Generate_Fr() => ChatMessageFaker.Generate(++_seed, "fr");

    [Benchmark(Description = "generate message (en)")]
    public ChatMessage Generate_En() => ChatMessageFaker.Generate(++_seed, "en");

    [Benchmark(Description = "write XML answer")]
    public byte[] WriteXml() => AnswerWriter.Xml(Carrier.ChatMessage, _message, default);

    [Benchmark(Description = "parse $select")]
    public object? ParseSelect() => SelectQuery.Parse("?$select=Message,Author,WhenPosted", Carrier.ChatMessage.PropertyNames);

    [Benchmark(Description = "choose locale (fr,de,ru,zh)")]
    public string ChooseLocale() => FakeDataLocale.Choose(null, "fr,de,ru,zh");

    [Benchmark(Description = "negotiate Accept")]
    public object? Negotiate() => ContentNegotiation.Negotiate("application/json; charset=utf-8", "application/json; charset=utf-8");
}
