namespace ChatMock.Journal;

/// <summary>
/// A call as the journal keeps it: its id and a copy of its JSON (<see cref="RecordedCallJson"/>, every member but the
/// id), which the admin API copies into its answers without reading.
/// </summary>
/// <param name="Id">The call's id.</param>
/// <param name="Json">The call's JSON, without its id.</param>
internal readonly record struct KeptCall(long Id, ReadOnlyMemory<byte> Json)
{
    /// <summary>Reads the call from its JSON.</summary>
    public RecordedCall Read() => RecordedCallJson.Read(Json.Span, Id);
}
