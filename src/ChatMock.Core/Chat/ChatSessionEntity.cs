using System.Text.Json.Nodes;

namespace ChatMock.Chat;

/// <summary>
/// A chat session: SuperOffice's <c>ChatSessionEntity</c> carrier as it goes over the wire, in the documented order
/// (contracts/chat-session-entity.schema.json holds the same properties; a test keeps the two equal). Enums are their
/// names; nested carriers (<see cref="User"/>, <see cref="Person"/>, ...) are kept as they were posted.
/// </summary>
public sealed record ChatSessionEntity
{
    /// <summary>Gets or sets the primary key, assigned by the server.</summary>
    public int? ChatSessionId { get; set; }

    /// <summary>Gets or sets the chat topic (channel) the session belongs to.</summary>
    public int? TopicId { get; set; }

    /// <summary>Gets or sets the user agent handling the session (an <c>Associate</c>), as posted.</summary>
    public JsonNode? User { get; set; }

    /// <summary>Gets or sets the customer person (a <c>Person</c>), as posted.</summary>
    public JsonNode? Person { get; set; }

    /// <summary>Gets or sets the customer's alias.</summary>
    public string? CustomerAlias { get; set; }

    /// <summary>Gets or sets the customer's host name or IP address.</summary>
    public string? CustomerHost { get; set; }

    /// <summary>Gets or sets the customer's name, if provided.</summary>
    public string? CustomerName { get; set; }

    /// <summary>Gets or sets the customer's email address, if provided.</summary>
    public string? CustomerEmail { get; set; }

    /// <summary>Gets or sets the customer's phone number, if provided.</summary>
    public string? CustomerPhone { get; set; }

    /// <summary>Gets or sets whether the customer consented when starting the session.</summary>
    public bool? CustomerConsented { get; set; }

    /// <summary>Gets or sets the name of the customer's company, if provided.</summary>
    public string? CustomerCompanyName { get; set; }

    /// <summary>Gets or sets the name of the <c>ChatSessionStatus</c>, such as <c>InQueue</c> or <c>CustomerLast</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Gets or sets a copy of the first message of the session.</summary>
    public string? FirstMessage { get; set; }

    /// <summary>Gets or sets a copy of the last message of the session.</summary>
    public string? LastMessage { get; set; }

    /// <summary>Gets or sets when the customer requested the session.</summary>
    public DateTimeOffset? WhenRequested { get; set; }

    /// <summary>Gets or sets when a user accepted the session.</summary>
    public DateTimeOffset? WhenStarted { get; set; }

    /// <summary>Gets or sets when the session ended.</summary>
    public DateTimeOffset? WhenEnded { get; set; }

    /// <summary>Gets or sets the last time anyone sent a message in the session.</summary>
    public DateTimeOffset? WhenIdle { get; set; }

    /// <summary>Gets or sets the last time the customer's client fetched the session.</summary>
    public DateTimeOffset? WhenFetched { get; set; }

    /// <summary>Gets or sets the key that authenticates the session.</summary>
    public string? SessionKey { get; set; }

    /// <summary>Gets or sets the queue position when the session was requested (pending sessions + 1).</summary>
    public int? InitialQueuePos { get; set; }

    /// <summary>Gets or sets the alert level of the session.</summary>
    public int? AlertLevel { get; set; }

    /// <summary>Gets or sets the lowest unique number among the user's active sessions, from 1.</summary>
    public int? Rank { get; set; }

    /// <summary>Gets or sets the name of the <c>ChatSessionFlags</c>, such as <c>CustomerIsTyping</c>.</summary>
    public string? Flags { get; set; }

    /// <summary>Gets or sets the contact the session is connected to, as posted.</summary>
    public JsonNode? Contact { get; set; }

    /// <summary>Gets or sets the project the session is connected to, as posted.</summary>
    public JsonNode? Project { get; set; }

    /// <summary>Gets or sets the sale the session is connected to, as posted.</summary>
    public JsonNode? Sale { get; set; }

    /// <summary>Gets or sets the ticket the session is connected to, as posted.</summary>
    public JsonNode? Ticket { get; set; }

    /// <summary>Gets or sets the user agent a pending transfer goes to, as posted.</summary>
    public JsonNode? TransferTo { get; set; }

    /// <summary>Gets or sets whether a chatbot is active on the session.</summary>
    public bool? ChatbotIsActive { get; set; }

    /// <summary>Gets or sets the customer's rating of the conversation.</summary>
    public int? Rating { get; set; }

    /// <summary>Gets or sets the carrier's table right, as posted.</summary>
    public JsonNode? TableRight { get; set; }

    /// <summary>Gets or sets the field property dictionary, as posted.</summary>
    public JsonNode? FieldProperties { get; set; }
}
