using System.Globalization;
using ChatMock.Carriers;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Messages;
using ChatMock.Operations;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Answers;

/// <summary>Shapes an operation's answer: <c>$select</c>, the time zone, then JSON or XML by the negotiated format.</summary>
internal static class AnswerShaper
{
    /// <summary>
    /// Reads <c>$select</c> against the answer's carrier, warning of the names that are no property of it; null when
    /// absent, or when the answer is no carrier (a bare value, 204), which a warning says.
    /// </summary>
    public static HashSet<string>? ParseSelect(string queryString, Carrier? carrier, List<string> warnings)
    {
        if (carrier is null)
        {
            if (SelectQuery.QueryValue(queryString, "$select") is not null)
            {
                warnings.Add("$select: this call answers no entity; it was ignored.");
            }

            return null;
        }

        var select = SelectQuery.Parse(queryString, carrier.PropertyNames);
        if (select is not null)
        {
            warnings.AddRange(select.Unknown.Select(name => $"$select: '{name}' is no property of {carrier.Name}; it was ignored."));
        }

        return select?.Properties;
    }

    /// <summary>The successful answer of <paramref name="operation"/>: the handler's answer, selected and written.</summary>
    public static ChatMockResponse Shape(Operation operation, ResponseFormat format, OperationAnswer answer, AnswerStyle style, CallOutcome outcome)
    {
        if (operation.AnswerStatus == 204)
        {
            return new ChatMockResponse { StatusCode = 204, ContentType = string.Empty, Body = ReadOnlyMemory<byte>.Empty };
        }

        if (format.IsXml && AnswerWriter.Unwritable(answer.Carrier, answer.Value) is var (field, character))
        {
            return ErrorAnswers.Error(format, 406, ErrorTypes.NotAcceptable, string.Create(CultureInfo.InvariantCulture,
                $"The answer's {field} holds the character U+{character:X4}, which XML 1.0 cannot carry; ask for JSON (Accept: application/json) to get it back as posted."));
        }

        var body = format.IsXml ? AnswerWriter.Xml(answer.Carrier, answer.Value, style) : AnswerWriter.Json(answer.Carrier, answer.Value, style);
        if (answer.Value is ChatMessage message)
        {
            outcome.Message = style.Keep is null ? message : Selected(message, style.Keep);

            // AnswerWriter.WriteEntity wrote such an answer with the model's writer, as the journal writes a message.
            outcome.MessageBody = !format.IsXml && style.Keep is null && answer.Carrier == Carrier.ChatMessage && Carrier.ChatMessage.WritesAsModelled ? body : null;
        }

        return new ChatMockResponse
        {
            StatusCode = operation.AnswerStatus,
            ContentType = format.ContentType,
            Body = body,
        };
    }

    /// <summary>The message as <c>$select</c> answered it, for the journal: every property it did not name null.</summary>
    private static ChatMessage Selected(ChatMessage message, HashSet<string> keep) =>
        (ChatMessage)Carrier.ChatMessage.With(message, Carrier.ChatMessage.Properties.Where(p => !keep.Contains(p.Name)).Select(p => new KeyValuePair<string, object?>(p.Name, null)));
}
