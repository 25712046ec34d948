using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Bogus;
using ChatMock.Messages;

namespace ChatMock.FakeData;

/// <summary>
/// Makes up realistic chat messages: a customer asking about an order, an agent or a bot answering, and the
/// special messages a chat session carries (welcome, URL, options, transfers, closings). Never lorem ipsum.
/// </summary>
/// <remarks>
/// <para>
/// Each locale has a table of <see cref="MessagesPerLocale"/> messages, and a seed picks its entry with its low bits.
/// An entry is made with Bogus the first time it is picked, from a seed that is the entry's index, never the
/// caller's seed, so what an entry holds depends only on its index and the locale, not on which seed or thread came
/// first (DESIGN.md D4). After that, a call is an array read that allocates nothing. A locale therefore has at most
/// <see cref="MessagesPerLocale"/> distinct generated messages. The messages are immutable records and are shared:
/// callers copy them with <c>with</c> to add an id, a session and a time.
/// </para>
/// <para>
/// Why a table: running Bogus for every message (a new <see cref="Randomizer"/> handed to every data set of the
/// <see cref="Faker"/>, then the templates) doubles the cost of a generated message's call. Measured on two cores,
/// Bogus per message (a thread's <see cref="Faker"/> per locale, a new <see cref="Randomizer"/> per message, the
/// whole seed) against this table, in EngineBenchmarks <c>--job short</c> runs one after the other: the
/// documentation sample 14.5 µs and 5.24 KB per engine call against 6.3 µs and 3.46 KB; <c>$select</c> on it
/// 23.3 µs and 6.59 KB against 8.1 µs and 4.82 KB, over the 20 µs budget. The engine's profile loop, CPU time per
/// call: 12.7 µs against 6.4 µs, and 14.1 µs against 10.2 µs. Callgrind: 111,467 instructions per call without the
/// table, 35,941 of them making the message. The standalone server's throughput budgets, measured with the same
/// sample (bench/load.sh), are at their lines already (docs/performance.md).
/// </para>
/// </remarks>
internal sealed class ChatMessageFaker
{
    /// <summary>How many distinct messages a locale has: the size of its table. A power of two.</summary>
    public const int MessagesPerLocale = 4096;

    private static readonly ChatMessageFaker Shared = new();

    [ThreadStatic]
    private static Dictionary<string, Faker>? s_fakers;

    private readonly ConcurrentDictionary<string, LocaleMessages> _byLocale = new(StringComparer.Ordinal);

    // The table used last: the locale is nearly always the same string from call to call, so this spares the
    // dictionary look-up. Written without a lock; whichever table a thread sees is a right one for its locale.
    private LocaleMessages? _last;

    /// <summary>
    /// Generates the client-visible fields of a message (not its id, session or time) from <paramref name="seed"/>:
    /// the same seed and locale always give the same message, the same instance once made. Only the low 12 bits of
    /// the seed count (see <see cref="MessagesPerLocale"/>). All callers share one set of tables.
    /// </summary>
    public static ChatMessage Generate(int seed, string? locale = null) => Shared.MessageFor(seed, locale);

    /// <summary>
    /// Gives the message for <paramref name="seed"/> from this instance's tables, making it on first use. Gives the
    /// same values as <see cref="Generate"/>; a new instance starts with empty tables.
    /// </summary>
    public ChatMessage MessageFor(int seed, string? locale = null)
    {
        var table = TableOf(locale ?? Protocol.FakeDataLocale.Default);
        var index = seed & (MessagesPerLocale - 1);
        return Volatile.Read(ref table.Messages[index]) ?? Fill(table, index);
    }

    private LocaleMessages TableOf(string locale)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && string.Equals(last.Locale, locale, StringComparison.Ordinal))
        {
            return last;
        }

        last = _byLocale.GetOrAdd(locale, static l => new LocaleMessages(l));
        Volatile.Write(ref _last, last);
        return last;
    }

    // Two threads filling the same entry make equal messages; the first one stored is the one everybody gets.
    private static ChatMessage Fill(LocaleMessages table, int index)
    {
        var made = Make(index, table.Locale);
        return Interlocked.CompareExchange(ref table.Messages[index], made, null) ?? made;
    }

    /// <summary>The plain path the table shortcuts: the message Bogus makes from <paramref name="seed"/>, every time anew.</summary>
    internal static ChatMessage Make(int seed, string locale)
    {
        var f = FakerFor(locale);
        f.Random = new Randomizer(seed);

        var roll = f.Random.Int(1, 100);
        return roll switch
        {
            <= 40 => FromCustomer(f),
            <= 80 => FromAgent(f),
            _ => Special(f),
        };
    }

    private static Faker FakerFor(string locale)
    {
        s_fakers ??= new Dictionary<string, Faker>(StringComparer.Ordinal);
        if (!s_fakers.TryGetValue(locale, out var faker))
        {
            faker = new Faker(locale);
            s_fakers[locale] = faker;
        }

        return faker;
    }

    private static ChatMessage FromCustomer(Faker f)
    {
        var text = f.PickRandom(CustomerLines)(f);
        var author = f.Random.Bool(0.7f) ? f.Name.FullName() : f.Internet.Email();
        return new ChatMessage
        {
            Type = "ToUser",
            Message = text,
            Author = author,
            ReadByCustomer = 1,
            SpecialType = "None",
            SpecialParam = string.Empty,
        };
    }

    private static ChatMessage FromAgent(Faker f)
    {
        var text = f.PickRandom(AgentLines)(f);
        var author = f.Random.Bool(0.8f) ? f.Name.FullName() : "Support bot";
        return new ChatMessage
        {
            Type = "ToCustomer",
            Message = text,
            Author = author,
            ReadByCustomer = f.Random.Bool(0.6f) ? 1 : 0,
            SpecialType = "None",
            SpecialParam = string.Empty,
        };
    }

    private static ChatMessage Special(Faker f)
    {
        var (specialType, text, param, author) = f.PickRandom(SpecialMessages)(f);
        return new ChatMessage
        {
            Type = "Special",
            Message = text,
            Author = author,
            ReadByCustomer = f.Random.Bool(0.5f) ? 1 : 0,
            SpecialType = specialType,
            SpecialParam = param,
        };
    }

    // The sentences are English, so weekdays and months are too, whatever the locale of names and places.
    private static string Weekday(Faker f) => f.PickRandom<DayOfWeek>().ToString();

    private static string Month(Faker f) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(f.Random.Int(1, 12));

    private static string OrderNumber(Faker f) => f.Random.Replace("SO-######");

    private static string Price(Faker f) => f.Commerce.Price(9, 990, 2, "€");

    private static readonly Func<Faker, string>[] CustomerLines =
    [
        f => $"Hi, I ordered the {f.Commerce.ProductName()} on {Weekday(f)} and it still hasn't arrived. Order number {OrderNumber(f)}.",
        f => $"Hello! Can I change the delivery address for order {OrderNumber(f)} to {f.Address.StreetAddress()}, {f.Address.City()}?",
        f => $"Do you ship to {f.Address.Country()}?",
        f => $"I was charged {Price(f)} twice for the {f.Commerce.ProductName()}. Can you help?",
        f => $"Is the {f.Commerce.ProductName()} in stock? We need {f.Random.Int(2, 40)} of them at {f.Company.CompanyName()}.",
        f => $"How do I reset my password? My login is {f.Internet.Email()}.",
        f => "Thanks, that solved it!",
        f => $"Can I talk to someone about the {f.Company.CompanyName()} subscription? It renews on {Month(f)} {f.Random.Int(1, 28)}.",
        f => $"What are your opening hours on {Weekday(f)}?",
        f => $"Invoice {f.Random.Replace("INV-#####")} has the wrong VAT number, it should be {f.Random.Replace("NO#########MVA")}.",
        f => $"The {f.Commerce.ProductName().ToLower(CultureInfo.InvariantCulture)} I got is the wrong colour. I ordered {f.Commerce.Color()}.",
        f => "Hello? Is anyone there?",
    ];

    private static readonly Func<Faker, string>[] AgentLines =
    [
        f => $"Hi {f.Name.FirstName()}, thanks for reaching out! Let me look into order {OrderNumber(f)} for you.",
        f => $"I can see the {f.Commerce.ProductName()} left our warehouse on {Weekday(f)}; it should be with you within two working days.",
        f => $"I've refunded the duplicate charge of {Price(f)}. It can take 3-5 days to show on your statement.",
        f => $"Yes, we ship to {f.Address.Country()}. Delivery usually takes {f.Random.Int(2, 9)} working days.",
        f => $"I've sent a password reset link to {f.Internet.Email()}. It is valid for 24 hours.",
        f => "Is there anything else I can help you with today?",
        f => "Let me transfer you to a colleague in our billing team, one moment please.",
        f => $"Our chat is open Monday to Friday, 08:00-16:00, and until 14:00 on {Weekday(f)}s before holidays.",
        f => $"I've updated the invoice and sent the corrected copy to {f.Internet.Email()}.",
        f => $"Thanks for waiting, {f.Name.FirstName()}. I'm checking with the warehouse now.",
        f => "Glad I could help. Have a great day!",
    ];

    private static readonly Func<Faker, (string SpecialType, string Message, string Param, string Author)>[] SpecialMessages =
    [
        f => ("Welcome", $"Welcome to {f.Company.CompanyName()}! How can we help you today?", string.Empty, "Support bot"),
        f => ("Url", "Here is the tracking page for your order.", $"https://{f.Internet.DomainName()}/track/{OrderNumber(f)}", f.Name.FullName()),
        f => ("NewSession", "Chat session started.", string.Empty, string.Empty),
        f =>
        {
            var colleague = f.Name.FullName();
            return ("TransferedSession", $"The chat was transferred to {colleague}.", colleague, f.Name.FullName());
        },
        f => ("Options", "What can I help you with?", JsonSerializer.Serialize(f.PickRandom(OptionSets)), "Support bot"),
        f =>
        {
            var option = f.PickRandom(f.PickRandom(OptionSets));
            return ("ClickedOption", option, option, f.Name.FullName());
        },
        f => ("FaqSuccessQuestion", "Did this answer your question?", string.Empty, "Support bot"),
        f => ("ClosedByCustomer", "The customer closed the chat.", string.Empty, f.Name.FullName()),
        f => ("ClosedByUser", "The agent closed the chat.", string.Empty, f.Name.FullName()),
        f => ("ClosedByIdle", "The chat was closed after 15 minutes without activity.", string.Empty, string.Empty),
        f => ("TransferRejected", "The transfer was declined; you are still chatting with the same agent.", string.Empty, f.Name.FullName()),
        f => ("ReopenedByCustomer", "The customer reopened the chat.", string.Empty, f.Name.FullName()),
        f => ("IllegalFileType", "The file could not be uploaded: this file type is not allowed.", f.System.FileName("exe"), f.Name.FullName()),
        f => ("BotMessage", $"Your order {OrderNumber(f)} is on its way.", string.Empty, "Support bot"),
    ];

    private static readonly string[][] OptionSets =
    [
        ["Track my order", "Returns and refunds", "Talk to a person"],
        ["Billing", "Technical support", "Sales"],
        ["Yes, that helped", "No, I need more help"],
        ["Change delivery address", "Cancel my order", "Something else"],
    ];

    /// <summary>The generated messages of one locale, made on first use; an empty entry is <see langword="null"/>.</summary>
    private sealed class LocaleMessages
    {
        public LocaleMessages(string locale)
        {
            Locale = locale;
            Messages = new ChatMessage?[MessagesPerLocale];
        }

        public string Locale { get; }

        public ChatMessage?[] Messages { get; }
    }
}
