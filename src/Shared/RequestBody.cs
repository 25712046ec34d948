using ChatMock.Engine;

namespace ChatMock.Hosting;

/// <summary>A request body as read for the engine.</summary>
/// <param name="Bytes">The body, decoded; what arrived when <paramref name="Failure"/> is set.</param>
/// <param name="Failure">Why the body could not be read whole, or null.</param>
internal readonly record struct RequestBody(ReadOnlyMemory<byte> Bytes, RequestBodyFailure? Failure);
