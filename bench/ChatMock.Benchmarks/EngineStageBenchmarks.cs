using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChatMock.Answers;
using ChatMock.Bodies;
using ChatMock.Carriers;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.FakeData;
using ChatMock.Journal;
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
    private RecordedCall _call = null!;
    private CallJournal _journal = null!;
    private int _seed;

    private static JsonValueKind Read(byte[] body)
    {
        JsonBodyReader.TryRead(body, out var document, out _);
        using (document)
        {
            return document!.RootElement.ValueKind;
        }
    }

    private bool ReadAndValidate(byte[] body)
    {
        JsonBodyReader.TryRead(body, out var document, out _);
        using (document)
        {
            var element = document!.RootElement;
            return SchemaFastPath.IsCertainlyValid(element, _validator.Schema) || _validator.Validate(NewtonsoftTree.From(element)).IsValid;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _schemas = ContractSchemas.Embedded;
        _validator = new ContractValidator(_schemas.Request, rejectUnknownProperties: true);
        _message = ChatMessageFaker.Generate(42, "fr") with { ChatMessageId = 1, ChatSessionId = 403, WhenPosted = "2026-11-24T09:36:51.3962592Z" };
        _call = new ChatMockEngine(new ChatMockOptions { Seed = 42 }).Handle(Samples.Request(Samples.GeneratedMessageJson)).Call;
        _journal = new CallJournal(ChatMockDefaults.JournalCapacity);
    }

    [Benchmark(Description = "read JSON (sample)")]
    public JsonValueKind ReadJson_Generated() => Read(Generated);

    [Benchmark(Description = "read JSON (posted message)")]
    public JsonValueKind ReadJson_Posted() => Read(Posted);

    [Benchmark(Description = "read + validate JSON (sample)")]
    public bool ReadAndValidate_Generated() => ReadAndValidate(Generated);

    [Benchmark(Description = "read + validate JSON (posted message)")]
    public bool ReadAndValidate_Posted() => ReadAndValidate(Posted);

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

    [Benchmark(Description = "journal: write the sample call's JSON")]
    public int WriteJournalJson() => RecordedCallJson.WriteKept(_call).Length;

    [Benchmark(Description = "journal: record the sample call (a ring of 10,000)")]
    public long RecordInJournal()
    {
        _journal.Record(_call);
        return _call.Id;
    }

    [Benchmark(Description = "parse $select")]
    public object? ParseSelect() => SelectQuery.Parse("?$select=Message,Author,WhenPosted", Carrier.ChatMessage.PropertyNames);

    [Benchmark(Description = "choose locale (fr,de,ru,zh)")]
    public string ChooseLocale() => FakeDataLocale.Choose(null, "fr,de,ru,zh");

    [Benchmark(Description = "negotiate Accept")]
    public object? Negotiate() => ContentNegotiation.Negotiate("application/json; charset=utf-8", "application/json; charset=utf-8");
}
