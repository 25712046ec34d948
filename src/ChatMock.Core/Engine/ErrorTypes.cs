namespace ChatMock.Engine;

/// <summary>The <c>ErrorType</c> names ChatMock puts in its error envelopes, in NetServer's exception style.</summary>
internal static class ErrorTypes
{
    public const string ContractViolation = "ContractViolationException";

    public const string NotFound = "SoNotFoundException";

    public const string MethodNotAllowed = "MethodNotAllowedException";

    public const string UnsupportedMediaType = "UnsupportedMediaTypeException";

    public const string RequestTooLarge = "RequestTooLargeException";

    public const string RequestTimeout = "RequestTimeoutException";

    public const string UnreadableBody = "InvalidRequestBodyException";

    public const string Internal = "ChatMockInternalException";

    public const string Authentication = "SoAuthenticationException";

    public const string NotAcceptable = "NotAcceptableException";

    public const string InvalidHeader = "InvalidHeaderException";

    public const string Forced = "SoException";

    public const string ServiceUnavailable = "ServiceUnavailableException";

    public const string Forbidden = "CorsOriginNotAllowedException";

    /// <summary>A store limit (sessions, messages per session) was reached; nothing was stored.</summary>
    public const string StoreFull = "ChatMockStoreFullException";

    /// <summary>The <c>ErrorSource</c> of every envelope: it tells a developer that the mock, not SuperOffice, answered.</summary>
    public const string Source = "ChatMock";
}
