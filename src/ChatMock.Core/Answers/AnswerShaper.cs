using System.Globalization;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Answers;

/// <summary>Shapes an operation's answer: <c>$select</c>, then JSON or XML by the negotiated format.</summary>
internal sealed class AnswerShaper(IReadOnlyCollection<string> chatMessageProperties)
{
    /// <summary>Reads <c>$select</c>, warning of the names that are no property of the answer; null when absent.</summary>
    public SelectQuery? ParseSelect(string queryString, List<string> warnings)
    {
        var select = SelectQuery.Parse(queryString, chatMessageProperties);
        if (select is not null)
        {
            warnings.AddRange(select.Unknown.Select(name => $"$select: '{name}' is no property of ChatMessage; it was ignored."));
        }

        return select;
    }

    /// <summary>The successful answer of <paramref name="operation"/>: the message, selected and written.</summary>
    public static ChatMockResponse Shape(Operation operation, ResponseFormat format, ChatMessage? message, SelectQuery? select, CallOutcome outcome)
    {
        if (operation.AnswerStatus == 204 || message is null)
        {
            return new ChatMockResponse { StatusCode = 204, ContentType = string.Empty, Body = ReadOnlyMemory<byte>.Empty };
        }

        if (select is not null)
        {
            message = Select(message, select.Properties);
        }

        if (format.IsXml && ChatMessageXml.Unwritable(message) is var (field, character))
        {
            return ErrorAnswers.Error(format, 406, ErrorTypes.NotAcceptable, string.Create(CultureInfo.InvariantCulture,
                $"The message's {field} holds the character U+{character:X4}, which XML 1.0 cannot carry; ask for JSON (Accept: application/json) to get it back as posted."));
        }

        outcome.Message = message;
        return new ChatMockResponse
        {
            StatusCode = operation.AnswerStatus,
            ContentType = format.ContentType,
            Body = format.IsXml ? ChatMessageXml.Write(message) : JsonBytes.Write(message, ChatMessageJson.Write),
        };
    }

    /// <summary>Nulls out every property <c>$select</c> did not name.</summary>
    private static ChatMessage Select(ChatMessage message, HashSet<string> keep) => new()
    {
        ChatMessageId = keep.Contains("ChatMessageId") ? message.ChatMessageId : null,
        ChatSessionId = keep.Contains("ChatSessionId") ? message.ChatSessionId : null,
        Type = keep.Contains("Type") ? message.Type : null,
        Message = keep.Contains("Message") ? message.Message : null,
        Author = keep.Contains("Author") ? message.Author : null,
        ReadByCustomer = keep.Contains("ReadByCustomer") ? message.ReadByCustomer : null,
        SpecialType = keep.Contains("SpecialType") ? message.SpecialType : null,
        SpecialParam = keep.Contains("SpecialParam") ? message.SpecialParam : null,
        WhenPosted = keep.Contains("WhenPosted") ? message.WhenPosted : null,
    };
}
