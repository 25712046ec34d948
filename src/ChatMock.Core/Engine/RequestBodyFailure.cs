namespace ChatMock.Engine;

/// <summary>
/// Why a host could not hand the engine a whole, readable body: too large once decoded, an encoding it cannot decode,
/// data that does not decode, or a client too slow or gone mid-body. The engine answers it in SuperOffice's envelope
/// and records the call with what arrived.
/// </summary>
/// <param name="StatusCode">The status to answer: 400, 408, 413 or 415.</param>
/// <param name="ErrorType">The envelope's <c>ErrorType</c>.</param>
/// <param name="Message">The sentence that says what went wrong and what to do.</param>
internal sealed record RequestBodyFailure(int StatusCode, string ErrorType, string Message);
