using ChatMock.Engine;
using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>The last step: the call as the journal keeps it, recorded without ever failing the request (DESIGN.md D6).</summary>
/// <param name="journal">The journal.</param>
/// <param name="writeLater">
/// Whether the journal writes each call's JSON off the request's path (<see cref="CallJournal.RecordLater"/>), as the
/// in-memory hosts want: their client waits for each answer, usually with a processor to spare. The standalone server
/// writes it at once: under load no processor is spare, and handing the work over cost it 3 to 4% of its throughput.
/// </param>
internal sealed class CallRecorder(CallJournal journal, bool writeLater = false)
{
    // Kept for the 16 KB budget's margin: redacting Authorization costs 208 B a call (see HeaderValueCache).
    private static readonly HeaderValueCache<string> Redactions = new();

    private long _failures;

    /// <summary>Gets how many calls could not be recorded (answered all the same).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Records one call and returns it.</summary>
    public RecordedCall Record(ChatMockRequest request, ChatMockResponse response, CallOutcome outcome, DateTimeOffset arrived, TimeSpan duration)
    {
        var call = new RecordedCall
        {
            Timestamp = arrived,
            Duration = duration,
            Request = new RecordedRequest
            {
                Method = request.Method,
                Path = request.Path,
                QueryString = request.QueryString,
                Headers = RedactedHeaders(request.Headers),
                // A copy: the host may reuse its buffer, and it may be far larger than the body.
                BodyUtf8 = request.Body.Span[..Math.Min(request.Body.Length, RecordedCallJson.BodyLimit)].ToArray(),
                BodyLength = request.Body.Length,
            },
            Operation = outcome.Operation,
            AddChatMessage = outcome.Request,
            Violations = outcome.Violations,
            Warnings = outcome.Warnings is { Count: > 0 } warnings ? warnings : [],
            Credentials = outcome.Credentials,
            Delay = response.Delay,
            Fault = outcome.Fault,
            Response = new RecordedResponse
            {
                StatusCode = response.StatusCode,
                ContentType = response.ContentType,
                // The engine's own answer, never changed once made: no copy.
                BodyUtf8 = response.Body,
                ChatMessage = outcome.Message,
                // Only while the body answered is still the one written from the message (not an error put in its place).
                ChatMessageIsBody = outcome.MessageBody is { } messageBody && response.Body.Span.SequenceEqual(messageBody),
            },
        };

        try
        {
            if (writeLater)
            {
                journal.RecordLater(call);
            }
            else
            {
                journal.Record(call);
            }
        }
#pragma warning disable CA1031 // Recording never fails a request (DESIGN.md D6): the call is answered, and counted as not kept.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
        }

        return call;
    }

    /// <summary>Copies the headers for the journal, their secrets redacted (<see cref="HeaderRedaction"/>).</summary>
    private static KeyValuePair<string, string>[] RedactedHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var copy = new KeyValuePair<string, string>[headers.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var header = headers[i];
            copy[i] = HeaderRedaction.IsSecret(header.Key)
                ? new(header.Key, Redactions.GetOrAdd(header.Value, header.Key, static (value, name) => HeaderRedaction.Redact(name!, value!)))
                : header;
        }

        return copy;
    }
}
