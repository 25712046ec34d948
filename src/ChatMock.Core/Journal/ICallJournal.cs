namespace ChatMock.Journal;

/// <summary>The record of every call a ChatMock instance answered, newest kept when it is full.</summary>
public interface ICallJournal
{
    /// <summary>Gets how many calls the journal keeps at most.</summary>
    int Capacity { get; }

    /// <summary>Gets how many calls it holds now.</summary>
    int Count { get; }

    /// <summary>Gets how many calls were recorded since start or the last <see cref="Clear"/>, dropped ones included.</summary>
    long TotalRecorded { get; }

    /// <summary>
    /// Gets the id of the newest call recorded since start, whether or not it was cleared or dropped since; 0 when
    /// none was. Calls newer than an id seen before are those from that id + 1 to this, read with <see cref="Find"/>.
    /// </summary>
    long LastId { get; }

    /// <summary>Returns the calls it holds, oldest first.</summary>
    /// <returns>A snapshot: calls recorded later do not appear in it.</returns>
    IReadOnlyList<RecordedCall> GetCalls();

    /// <summary>
    /// Reads the calls it holds with an id greater than <paramref name="afterId"/>, oldest first, one at a time as
    /// they are enumerated, so that going through them costs the memory of one call rather than of all.
    /// </summary>
    /// <param name="afterId">The id after which to start; 0 for every call held.</param>
    /// <returns>The calls up to the newest one held when the enumeration starts.</returns>
    IEnumerable<RecordedCall> ReadCalls(long afterId = 0) => GetCalls().Where(call => call.Id > afterId);

    /// <summary>Finds a call by its <see cref="RecordedCall.Id"/>.</summary>
    /// <param name="id">The id of the call.</param>
    /// <returns>The call, or <see langword="null"/> when it is unknown or was dropped.</returns>
    RecordedCall? Find(long id);

    /// <summary>Forgets every call.</summary>
    [Obsolete("Call Reset() on the host (ChatMockTestHost, ChatMockServer or ChatMockRemote): the one way to reset, which can also reset ids.")]
    void Clear();
}
