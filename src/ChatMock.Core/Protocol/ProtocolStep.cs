using ChatMock.Answers;
using ChatMock.Engine;
using ChatMock.Journal;

namespace ChatMock.Protocol;

/// <summary>
/// The protocol step of a call: the answer format <c>Accept</c> asks for (406 when ChatMock writes none of it), faults
/// (a front end asking for a slow, dropped or failed answer gets it whatever else it sent), then credentials, then the
/// SuperOffice headers.
/// </summary>
internal sealed class ProtocolStep(ChatMockOptions options, Authenticator authenticator)
{
    /// <summary>Checks the request; null when it may go on, else the refusal.</summary>
    /// <param name="request">The request.</param>
    /// <param name="outcome">Gets the delay, fault and credentials.</param>
    /// <param name="found">What the step found: the answer format, a forced status and the time zone.</param>
    public ChatMockResponse? Check(ChatMockRequest request, CallOutcome outcome, out ProtocolFindings found)
    {
        found = default;
        if (ContentNegotiation.Negotiate(request.GetHeader("Accept"), request.GetHeader("Content-Type")) is not { } format)
        {
            return ErrorAnswers.NotAcceptable(request.GetHeader("Accept"));
        }

        if (!PreferHeader.TryParse(request.GetHeader("Prefer"), out var prefer, out var preferProblem))
        {
            return ErrorAnswers.Error(format, 400, ErrorTypes.InvalidHeader, preferProblem!);
        }

        outcome.Delay = ChooseDelay(prefer);
        if (prefer.Drop)
        {
            outcome.Fault = "fault=drop";
            return new ChatMockResponse { StatusCode = 0, ContentType = string.Empty, Body = ReadOnlyMemory<byte>.Empty, DropConnection = true };
        }

        var authentication = authenticator.Check(request);
        outcome.Credentials = authentication.Credentials;
        if (!authentication.IsAccepted)
        {
            return ErrorAnswers.Error(format, 401, ErrorTypes.Authentication, authentication.Problem!, headers: [new("WWW-Authenticate", Authenticator.Challenge)]);
        }

        SuperOfficeTimeZone? timeZone = null;
        if (request.GetHeader("SO-TimeZone") is { } timeZoneHeader && !string.IsNullOrWhiteSpace(timeZoneHeader)
            && !SuperOfficeTimeZone.TryParse(timeZoneHeader, out timeZone))
        {
            return ErrorAnswers.Error(format, 400, ErrorTypes.InvalidHeader,
                $"The SO-TimeZone header '{Echo.Of(timeZoneHeader)}' names no time zone ChatMock knows; use a SuperOffice code or id, optionally with ', includeTZOffset': {SuperOfficeTimeZone.KnownCodes}.");
        }

        found = new ProtocolFindings(format, prefer.Code, timeZone);
        return null;
    }

    private TimeSpan ChooseDelay(PreferHeader prefer)
    {
        if (prefer.DelayMilliseconds is { } asked)
        {
            return TimeSpan.FromMilliseconds(asked);
        }

        var min = options.MinDelayMilliseconds;
        var max = Math.Max(min, options.MaxDelayMilliseconds);
        return max == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(min == max ? min : Random.Shared.Next(min, max + 1));
    }
}

/// <summary>What the protocol step found that later steps use.</summary>
/// <param name="Format">The answer format: JSON or XML, as <c>Accept</c> (or, without it, <c>Content-Type</c>) asks.</param>
/// <param name="ForcedCode">The status <c>Prefer: code=</c> forces, or null.</param>
/// <param name="TimeZone">The <c>SO-TimeZone</c> of the answer's times, or null for UTC.</param>
internal readonly record struct ProtocolFindings(ResponseFormat Format, int? ForcedCode, SuperOfficeTimeZone? TimeZone);
