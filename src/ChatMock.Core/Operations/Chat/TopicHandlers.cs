using System.Globalization;
using System.Text.Json.Nodes;
using ChatMock.Carriers;
using ChatMock.Chat;

namespace ChatMock.Operations.Chat;

/// <summary>GetChatTopicEntity (and <c>GET /api/v1/ChatTopic/{id}</c>): the topic, or 404.</summary>
internal sealed class GetChatTopicEntityHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatTopicId") ?? 0;
        return Store.Topic(id) is { } topic ? OperationAnswer.Entity(Carrier.ChatTopic, topic) : NoTopic(call, id);
    }
}

/// <summary>ChatTopicsForUser (and <c>GET /api/v1/ChatTopic/ForCurrentUser</c>): every topic, by id.</summary>
internal sealed class ChatTopicsForUserHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call) => OperationAnswer.List(Carrier.ChatTopic, Store.Topics());
}

/// <summary>
/// IsWithinOpeningHours (and <c>GET /api/v1/ChatTopic/{id}/IsOpen</c>): true when the topic uses no opening hours,
/// else whether the engine's clock is within the day's start and stop and outside lunch. ChatMock reads the times in
/// UTC; the topic's own time zone (<c>TzLocation</c>) is not applied.
/// </summary>
internal sealed class IsWithinOpeningHoursHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatTopicId") ?? 0;
        return Store.Topic(id) is { } topic ? OperationAnswer.Bare(IsOpen(topic, Now)) : NoTopic(call, id);
    }

    /// <summary>Whether <paramref name="topic"/> is open at <paramref name="now"/>, by its <c>OpeningHours</c>.</summary>
    internal static bool IsOpen(ChatTopicEntity topic, DateTimeOffset now)
    {
        if (topic.OpeningHoursEnabled != true || topic.OpeningHours is not JsonObject hours)
        {
            return true;
        }

        var day = now.UtcDateTime.DayOfWeek.ToString()[..3];
        var time = now.UtcDateTime.TimeOfDay;
        if (hours[day + "Enabled"]?.GetValueKind() != System.Text.Json.JsonValueKind.True)
        {
            return false;
        }

        var open = Time(hours[day + "Start"], TimeSpan.Zero) <= time && time < Time(hours[day + "Stop"], TimeSpan.FromDays(1));
        var lunch = hours["UseLunchHours"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
            && Time(hours["LunchStart"], TimeSpan.Zero) <= time && time < Time(hours["LunchStop"], TimeSpan.Zero);
        return open && !lunch;
    }

    private static TimeSpan Time(JsonNode? node, TimeSpan otherwise) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) ? time : otherwise;
}
