namespace ChatMock.Messages;

/// <summary>
/// A message in a chat session: SuperOffice's <c>ChatMessage</c> carrier as it goes over the wire. Every property
/// is nullable because a client may post only some of them and <c>$select</c> nulls out the rest.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>Gets or sets the primary key, assigned by the server.</summary>
    public int? ChatMessageId { get; set; }

    /// <summary>Gets or sets the chat session the message belongs to.</summary>
    public int? ChatSessionId { get; set; }

    /// <summary>Gets or sets the name of the <c>ChatMessageType</c>: <c>Invalid</c>, <c>ToCustomer</c>, <c>ToUser</c> or <c>Special</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the text of the message.</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the author of the message.</summary>
    public string? Author { get; set; }

    /// <summary>Gets or sets whether the customer has read the message: 1 when read, 0 when not.</summary>
    public int? ReadByCustomer { get; set; }

    /// <summary>Gets or sets the name of the <c>ChatMessageSpecialType</c>, such as <c>None</c>, <c>Url</c> or <c>Options</c>.</summary>
    public string? SpecialType { get; set; }

    /// <summary>Gets or sets the parameter of the special type, such as a URL or a JSON array of options.</summary>
    public string? SpecialParam { get; set; }

    /// <summary>Gets or sets when the message was posted, as the text that went over the wire.</summary>
    public string? WhenPosted { get; set; }
}
