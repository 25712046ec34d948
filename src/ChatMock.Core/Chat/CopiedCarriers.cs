namespace ChatMock.Chat;

/// <summary>Carriers as bytes, copied out of the store under its lock, to be read outside it (<see cref="CarrierCodec{T}.ReadAll"/>).</summary>
/// <param name="Buffer">The buffer, from the shared pool; null when there are none.</param>
/// <param name="Length">How many of its bytes are the carriers'.</param>
/// <param name="Count">How many carriers.</param>
internal readonly record struct CopiedCarriers(byte[]? Buffer, int Length, int Count);
