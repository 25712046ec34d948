using System.Globalization;
using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;
using ChatMock.Routing;

namespace ChatMock.Operations;

/// <summary>
/// The operation step of a call: the call its handler gets, built from what the earlier steps found; the handler
/// reads it, then a status <c>Prefer: code=</c> forces is answered without handling (after reading, so the journal
/// keeps what was sent), else the handler answers.
/// </summary>
internal static class OperationStep
{
    /// <summary>The call the operation's handler gets. From here on, the call's warnings are the journal's.</summary>
    /// <param name="request">The request, for <c>$select</c> and the languages of generated data.</param>
    /// <param name="route">The operation.</param>
    /// <param name="served">The operation's carrier, which <c>$select</c> names properties of.</param>
    /// <param name="input">The validated input document, parameters included.</param>
    /// <param name="found">What the protocol step found: the answer format, a forced status, the time zone.</param>
    /// <param name="warnings">The warnings of the earlier steps, to add to.</param>
    /// <param name="outcome">The record of the call.</param>
    public static OperationCall Prepare(ChatMockRequest request, RoutedOperation route, ServedOperation served, JsonElement input, ProtocolFindings found, List<string> warnings, CallOutcome outcome)
    {
        outcome.Warnings = warnings;
        return new OperationCall
        {
            Operation = route.Operation,
            Document = input,
            Format = found.Format,
            Found = found,
            Style = new AnswerStyle(AnswerShaper.ParseSelect(request.QueryString, served.Answer, warnings), found.TimeZone),
            Locale = FakeDataLocale.Choose(request.GetHeader("SO-Language"), request.GetHeader("Accept-Language")),
            Warnings = warnings,
            Outcome = outcome,
        };
    }

    /// <summary>The handler's answer to the call: read, then the forced status's error answer or the handler's own answer.</summary>
    /// <param name="handler">The operation's handler.</param>
    /// <param name="call">The call, from <see cref="Prepare"/>.</param>
    public static OperationAnswer Answer(IOperationHandler handler, OperationCall call)
    {
        handler.Read(call);
        if (call.Found.ForcedCode is { } code)
        {
            call.Outcome.Fault = "code=" + code.ToString(CultureInfo.InvariantCulture);
            return OperationAnswer.Refused(ErrorAnswers.Forced(call.Format, code, handler.Missing(call)));
        }

        return handler.Handle(call);
    }
}
