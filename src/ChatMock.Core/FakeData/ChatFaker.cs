using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using ChatMock.Chat;
using ChatMock.Messages;
using ChatMock.Operations;

namespace ChatMock.FakeData;

/// <summary>
/// Makes up the chat state ChatMock starts with: the default topics, and on request sample sessions with realistic
/// conversations. Everything follows from the seed alone (DESIGN.md D4).
/// </summary>
internal static class ChatFaker
{
    private static readonly string[] Channels = ["Customer support", "Sales", "Billing and invoices"];

    /// <summary>
    /// The default topics: 1 is customer support, open on weekdays 08:00 to 16:00 UTC; 2 is sales, with no opening
    /// hours (always open); 3 is billing, open on weekdays 09:00 to 15:00 UTC with a lunch break.
    /// </summary>
    public static IReadOnlyList<ChatTopicEntity> DefaultTopics(int seed, ChatTopicEntity empty)
    {
        var topics = new List<ChatTopicEntity>();
        for (var i = 0; i < Channels.Length; i++)
        {
            var f = new Faker("en") { Random = new Randomizer(AddChatMessageHandler.SessionSeed(seed, -1, i)) };
            var company = f.Company.CompanyName();
            topics.Add(empty with
            {
                ChatTopicId = i + 1,
                Name = Channels[i],
                Description = $"{Channels[i]} for {company}: {f.Company.CatchPhrase().ToLower(CultureInfo.InvariantCulture)}.",
                WelcomeMessage = $"Hi, and welcome to {company}! My name is {f.Name.FirstName()}. How can I help you today?",
                SecondsPrAccept = f.Random.Int(20, 180),
                AlertRecipient = f.Internet.Email(f.Name.FirstName(), f.Name.LastName(), "example.com"),
                BadgeHeader = Channels[i],
                CustomQueueTextEnabled = i == 0,
                CustomQueueText = i == 0 ? "You are in the queue. One of us will be with you shortly." : string.Empty,
                WarnNewChatMinutes = f.Random.Int(1, 5),
                WarnManagerNewChatMinutes = f.Random.Int(5, 15),
                OpeningHoursEnabled = i != 1,
                OpeningHours = i switch
                {
                    0 => OpeningHours("08:00:00", "16:00:00", lunch: false),
                    1 => null,
                    _ => OpeningHours("09:00:00", "15:00:00", lunch: true),
                },
                WidgetEnableRating = true,
                WidgetRatingText = "How did we do?",
            });
        }

        return topics;
    }

    /// <summary>Sample sessions, each with a conversation of 3 to 12 generated messages, added to <paramref name="state"/>'s store.</summary>
    public static void AddSampleSessions(ChatState state, int count)
    {
        var topics = state.Store.Topics();
        var now = state.TimeProvider.GetUtcNow();
        for (var i = 1; i <= count; i++)
        {
            var f = new Faker("en") { Random = new Randomizer(AddChatMessageHandler.SessionSeed(state.Seed, -2, i)) };
            var requested = now.AddMinutes(-f.Random.Int(5, 60 * 24 * 3));
            var first = f.Name.FirstName();
            var last = f.Name.LastName();
            var session = state.Store.AddSession(state.NewSession(topics.Count == 0 ? 0 : topics[f.Random.Int(0, topics.Count - 1)].ChatTopicId ?? 0, requested) with
            {
                CustomerName = $"{first} {last}",
                CustomerEmail = f.Internet.Email(first, last),
                CustomerCompanyName = f.Company.CompanyName(),
                CustomerPhone = f.Phone.PhoneNumber("+47 ### ## ###"),
                CustomerAlias = first,
                CustomerHost = f.Internet.Ip(),
                CustomerConsented = f.Random.Bool(0.8f),
                WhenStarted = requested.AddMinutes(f.Random.Int(1, 4)),
            });
            var id = session.ChatSessionId!.Value;
            var messages = f.Random.Int(3, 12);
            for (var n = 1; n <= messages; n++)
            {
                var posted = requested.AddMinutes(n);
                state.Store.AddMessageTouchingSession(
                    id,
                    (Chat: state, SessionId: id, Posted: posted),
                    static (making, position) => making.Chat.Generated(making.SessionId, position, null) with { WhenPosted = Answers.UtcText.Format(making.Posted) },
                    null,
                    static (making, stored, message) => ChatState.Touch(stored, message, making.Posted));
            }
        }
    }

    private static JsonObject OpeningHours(string start, string stop, bool lunch)
    {
        var hours = new JsonObject { ["TzLocation"] = null };
        foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
        {
            var weekday = day is not ("Sat" or "Sun");
            hours[day + "Enabled"] = weekday;
            hours[day + "Start"] = start;
            hours[day + "Stop"] = stop;
        }

        hours["UseLunchHours"] = lunch;
        hours["LunchStart"] = "11:30:00";
        hours["LunchStop"] = "12:00:00";
        return hours;
    }
}
