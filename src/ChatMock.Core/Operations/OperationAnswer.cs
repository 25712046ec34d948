using ChatMock.Engine;
using ChatMock.Messages;

namespace ChatMock.Operations;

/// <summary>What an operation handler answers: the model to shape, or a refusal answered as it is.</summary>
internal readonly record struct OperationAnswer(ChatMessage? Entity, ChatMockResponse? Refusal)
{
    /// <summary>An answer of <paramref name="entity"/>.</summary>
    public static OperationAnswer Of(ChatMessage entity) => new(entity, null);

    /// <summary>A refusal, such as a forced fault.</summary>
    public static OperationAnswer Refused(ChatMockResponse refusal) => new(null, refusal);
}
