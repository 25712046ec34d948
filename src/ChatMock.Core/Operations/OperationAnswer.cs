using ChatMock.Carriers;
using ChatMock.Engine;

namespace ChatMock.Operations;

/// <summary>
/// What an operation handler answers: a carrier, a list of carriers, a bare value, null, or a refusal answered as
/// it is. The operation's <c>x-chatmock-answer</c> says which shape it is; the answer writer writes it.
/// </summary>
internal readonly record struct OperationAnswer(Carrier? Carrier, object? Value, ChatMockResponse? Refusal)
{
    /// <summary>An answer of one carrier, or of null (PickUpChatSession on a session not in the queue).</summary>
    public static OperationAnswer Entity(Carrier carrier, object? entity) => new(carrier, entity, null);

    /// <summary>An answer of a list of carriers.</summary>
    public static OperationAnswer List(Carrier carrier, IReadOnlyList<object> entities) => new(carrier, entities, null);

    /// <summary>An answer of a bare JSON value: a string or a boolean.</summary>
    public static OperationAnswer Bare(object value) => new(null, value, null);

    /// <summary>The answer of a 204 operation: nothing.</summary>
    public static OperationAnswer None { get; } = new(null, null, null);

    /// <summary>A refusal, such as an unknown session's 404.</summary>
    public static OperationAnswer Refused(ChatMockResponse refusal) => new(null, null, refusal);
}
