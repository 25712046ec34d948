namespace ChatMock.Messages;

/// <summary>
/// A message in a chat session: SuperOffice's <c>ChatMessage</c> carrier as it goes over the wire. Every property
/// is nullable because a client may post only some of them and <c>$select</c> nulls out the rest.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>Gets the primary key, assigned by the server.</summary>
    public int? ChatMessageId { get; init; }

    /// <summary>Gets the chat session the message belongs to.</summary>
    public int? ChatSessionId { get; init; }

    /// <summary>Gets the name of the <c>ChatMessageType</c>: <c>Invalid</c>, <c>ToCustomer</c>, <c>ToUser</c> or <c>Special</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the text of the message.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the author of the message.</summary>
    public string? Author { get; init; }

    /// <summary>Gets whether the customer has read the message: 1 when read, 0 when not.</summary>
    public int? ReadByCustomer { get; init; }

    /// <summary>Gets the name of the <c>ChatMessageSpecialType</c>, such as <c>None</c>, <c>Url</c> or <c>Options</c>.</summary>
    public string? SpecialType { get; init; }

    /// <summary>Gets the parameter of the special type, such as a URL or a JSON array of options.</summary>
    public string? SpecialParam { get; init; }

    /// <summary>Gets when the message was posted, as the text that went over the wire.</summary>
    public string? WhenPosted { get; init; }
}
