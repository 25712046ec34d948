using System.Text.Json.Nodes;

namespace ChatMock.Chat;

/// <summary>
/// A chat topic (channel): SuperOffice's <c>ChatTopicEntity</c> carrier as it goes over the wire, in the documented
/// order (contracts/chat-topic-entity.schema.json holds the same properties; a test keeps the two equal). Nested
/// carriers are kept as they were given.
/// </summary>
public sealed record ChatTopicEntity
{
    /// <summary>Gets or sets the primary key.</summary>
    public int? ChatTopicId { get; set; }

    /// <summary>Gets or sets the name of the topic.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the description of the topic.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the welcome message sent to the customer when a session starts.</summary>
    public string? WelcomeMessage { get; set; }

    /// <summary>Gets or sets the customer language of the topic (a <c>CustomerLanguage</c>).</summary>
    public JsonNode? Language { get; set; }

    /// <summary>Gets or sets the last time a session of the topic was accepted.</summary>
    public DateTimeOffset? LastAccept { get; set; }

    /// <summary>Gets or sets the average number of seconds per accept.</summary>
    public int? SecondsPrAccept { get; set; }

    /// <summary>Gets or sets the recipients of the alert template.</summary>
    public string? AlertRecipient { get; set; }

    /// <summary>Gets or sets the template of alerts (a <c>ReplyTemplate</c>).</summary>
    public JsonNode? AlertTemplate { get; set; }

    /// <summary>Gets or sets whether consent to store is collected from the customer.</summary>
    public bool? CollectConsent { get; set; }

    /// <summary>Gets or sets the badge header of the topic.</summary>
    public string? BadgeHeader { get; set; }

    /// <summary>Gets or sets whether the custom queue text is used.</summary>
    public bool? CustomQueueTextEnabled { get; set; }

    /// <summary>Gets or sets the text of the queue message in the widget.</summary>
    public string? CustomQueueText { get; set; }

    /// <summary>Gets or sets the user notify time in minutes.</summary>
    public int? WarnNewChatMinutes { get; set; }

    /// <summary>Gets or sets the manager notify time in minutes.</summary>
    public int? WarnManagerNewChatMinutes { get; set; }

    /// <summary>Gets or sets whether tickets may be submitted in offline mode.</summary>
    public bool? TicketEnabled { get; set; }

    /// <summary>Gets or sets the category of tickets created from offline requests.</summary>
    public JsonNode? TicketCategory { get; set; }

    /// <summary>Gets or sets the priority of tickets created from offline requests.</summary>
    public JsonNode? TicketPriority { get; set; }

    /// <summary>Gets or sets whether the topic uses opening hours.</summary>
    public bool? OpeningHoursEnabled { get; set; }

    /// <summary>Gets or sets the opening hours (a <c>ChatOpeningHours</c>: <c>MonEnabled</c>, <c>MonStart</c>, <c>MonStop</c>, ...).</summary>
    public JsonNode? OpeningHours { get; set; }

    /// <summary>Gets or sets the settings of the chat widget.</summary>
    public JsonNode? Widget { get; set; }

    /// <summary>Gets or sets whether a chatbot runs on the topic.</summary>
    public bool? BotEnabled { get; set; }

    /// <summary>Gets or sets the chatbot's settings.</summary>
    public JsonNode? BotSettings { get; set; }

    /// <summary>Gets or sets whether offline consent to store is collected.</summary>
    public bool? OfflineCollectConsent { get; set; }

    /// <summary>Gets or sets the user notify time in minutes for new messages.</summary>
    public int? WarnChatMessageMinutes { get; set; }

    /// <summary>Gets or sets the manager notify time in minutes for new messages.</summary>
    public int? WarnManagerChatMessageMinutes { get; set; }

    /// <summary>Gets or sets whether the queue offers the offline form.</summary>
    public bool? UseQueueOfflineForm { get; set; }

    /// <summary>Gets or sets the minutes in the queue before the offline form is offered.</summary>
    public int? OfflineFormTimeLimit { get; set; }

    /// <summary>Gets or sets the queue length from which the offline form is offered.</summary>
    public int? OfflineFormQueueLength { get; set; }

    /// <summary>Gets or sets whether the widget offers rating.</summary>
    public bool? WidgetEnableRating { get; set; }

    /// <summary>Gets or sets the text beside the rating stars.</summary>
    public string? WidgetRatingText { get; set; }

    /// <summary>Gets or sets the carrier's table right.</summary>
    public JsonNode? TableRight { get; set; }

    /// <summary>Gets or sets the field property dictionary.</summary>
    public JsonNode? FieldProperties { get; set; }
}
