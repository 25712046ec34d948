using System.Net;
using System.Text;

namespace ChatMock.Operations.Chat;

/// <summary>
/// GetChatTranscript: the conversation as one string, plain text (a line per message: time, author, text) or, with
/// <c>Html</c>, an HTML fragment with the texts encoded. The layout is ChatMock's; SuperOffice does not document its own.
/// </summary>
internal sealed class GetChatTranscriptHandler(HandlerSetup setup) : ChatHandler(setup)
{
    /// <inheritdoc/>
    public override OperationAnswer Handle(OperationCall call)
    {
        var id = call.Int("ChatSessionId") ?? 0;
        if (Store.Messages(id) is not { } messages)
        {
            return NoSession(call, id);
        }

        var html = call.Bool("Html") ?? false;
        var text = new StringBuilder();
        if (html)
        {
            text.Append("<div class=\"chat-transcript\">");
        }

        foreach (var stored in messages)
        {
            var message = InZone(stored, call.Style);
            var author = string.IsNullOrEmpty(message.Author) ? (message.Type == "ToUser" ? "Customer" : "Agent") : message.Author;
            if (html)
            {
                text.Append("<p class=\"").Append(message.Type == "ToUser" ? "customer" : "agent").Append("\"><time>")
                    .Append(WebUtility.HtmlEncode(message.WhenPosted)).Append("</time> <b>").Append(WebUtility.HtmlEncode(author))
                    .Append("</b>: ").Append(WebUtility.HtmlEncode(message.Message)).Append("</p>");
            }
            else
            {
                text.Append('[').Append(message.WhenPosted).Append("] ").Append(author).Append(": ").Append(message.Message).Append('\n');
            }
        }

        if (html)
        {
            text.Append("</div>");
        }

        return OperationAnswer.Bare(text.ToString());
    }
}
