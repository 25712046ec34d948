using System.Globalization;
using System.Text.Json;
using ChatMock.Answers;
using ChatMock.Contracts;
using ChatMock.Engine;
using ChatMock.Journal;
using ChatMock.Protocol;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ChatMock.Bodies;

/// <summary>Reads the body into one document: JSON, XML or form fields, by Content-Type, within the size limit.</summary>
internal sealed class BodyStep(int maxRequestBodyBytes)
{
    private static readonly string[] JsonMediaTypes =
    [
        "application/json",
        "text/json",
        "application/json-patch+json",
        "application/merge-patch+json",
    ];

    private enum BodyKind
    {
        Unsupported,
        Json,
        Xml,
        Form,
    }

    /// <summary>
    /// Reads the body; null when it was read into <paramref name="document"/> (or the operation takes none), else the refusal.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="format">The negotiated answer format.</param>
    /// <param name="operation">The operation's name, for the contract error.</param>
    /// <param name="schema">The body's schema, which types XML and form text; null when the operation takes no body, which is then not read.</param>
    /// <param name="outcome">Gets the violation of a body that cannot be read.</param>
    /// <param name="document">The document read (System.Text.Json's, whatever the body's format), for the caller to dispose at the end of the call; null when the operation takes no body.</param>
    public ChatMockResponse? Read(ChatMockRequest request, ResponseFormat format, string operation, JsonSchema? schema, CallOutcome outcome, out JsonDocument? document)
    {
        document = null;
        if (schema is null)
        {
            return null;
        }

        if (request.BodyFailure is { } failure)
        {
            return ErrorAnswers.Error(format, failure.StatusCode, failure.ErrorType, failure.Message);
        }

        if (request.Body.Length > maxRequestBodyBytes)
        {
            return ErrorAnswers.Error(format, 413, ErrorTypes.RequestTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body has {request.Body.Length} bytes; ChatMock accepts at most {maxRequestBodyBytes} (setting MaxRequestBodyBytes)."));
        }

        var contentType = request.GetHeader("Content-Type");
        var kind = KindOf(contentType);
        if (kind == BodyKind.Unsupported)
        {
            return ErrorAnswers.Error(format, 415, ErrorTypes.UnsupportedMediaType, contentType is null
                ? "The request has no Content-Type; send the body as application/json (or XML, or form fields)."
                : $"The Content-Type '{Echo.Of(contentType)}' is not supported; use application/json, text/json, application/json-patch+json, application/merge-patch+json, application/xml, text/xml or application/x-www-form-urlencoded.");
        }

        ContractViolation? violation;
        JToken? typed = null;
        var read = kind switch
        {
            BodyKind.Xml => XmlBodyReader.TryRead(request.Body, schema, out typed, out violation),
            BodyKind.Form => FormBodyReader.TryRead(request.Body.Span, schema, out typed, out violation),
            _ => JsonBodyReader.TryRead(request.Body, out document, out violation),
        };
        if (read)
        {
            // XML and form fields are typed into Newtonsoft's tree by the schema, then read as JSON is.
            document ??= NewtonsoftTree.ToDocument(typed!);
            return null;
        }

        outcome.Violations = ErrorAnswers.Reported([violation!], 1);
        return ErrorAnswers.Contract(format, operation, outcome.Violations, 1);
    }

    // Kept for the 16 KB budget: parsing Content-Type costs 280 B a call (see HeaderValueCache).
    private static readonly HeaderValueCache<BodyKind> Kinds = new();

    /// <summary>The kind of body a <c>Content-Type</c> names; each value is parsed once (a bounded cache).</summary>
    private static BodyKind KindOf(string? contentType) =>
        contentType is null ? BodyKind.Unsupported : Kinds.GetOrAdd(contentType, null, static (value, _) => KindOfUncached(value!));

    private static BodyKind KindOfUncached(string contentType)
    {
        var mediaType = HeaderValues.MediaType(contentType);
        foreach (var json in JsonMediaTypes)
        {
            if (mediaType.Equals(json, StringComparison.OrdinalIgnoreCase))
            {
                return BodyKind.Json;
            }
        }

        if (ContentNegotiation.IsXmlMediaType(contentType))
        {
            return BodyKind.Xml;
        }

        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? BodyKind.Form : BodyKind.Unsupported;
    }
}
