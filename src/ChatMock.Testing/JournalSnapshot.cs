using ChatMock.Journal;

namespace ChatMock.Testing;

/// <summary>The calls an assertion looks at, taken once from whatever the test passed to <c>Assert.That</c>.</summary>
internal sealed class JournalSnapshot
{
    private JournalSnapshot(IReadOnlyList<RecordedCall> calls, long dropped, int capacity)
    {
        Calls = calls;
        Dropped = dropped;
        Capacity = capacity;
    }

    /// <summary>Gets the calls, oldest first.</summary>
    public IReadOnlyList<RecordedCall> Calls { get; }

    /// <summary>Gets how many older calls the journal had to drop because it was full.</summary>
    public long Dropped { get; }

    /// <summary>Gets how many calls the journal keeps; 0 for a plain sequence of calls.</summary>
    public int Capacity { get; }

    public static JournalSnapshot Of(object? actual) => actual switch
    {
        ChatMockTestHost host => Of(host.Journal),
        Remote.ChatMockRemote remote => Of(remote.Journal),
        Remote.RemoteCallJournal remote => FromRemote(remote),
        ICallJournal journal => FromJournal(journal),
        IEnumerable<RecordedCall> calls => new([.. calls], 0, 0),
        null => throw new ArgumentNullException(nameof(actual), "Pass a journal to assert on, such as chatMock.Journal; it was null."),
        _ => throw new ArgumentException(
            $"Pass an ICallJournal, a ChatMockTestHost, a ChatMockRemote or a sequence of RecordedCall to assert on; it was a {actual.GetType().Name}.",
            nameof(actual)),
    };

    // One read of a remote journal gives the calls, the total and the capacity together, rather than three.
    private static JournalSnapshot FromRemote(Remote.RemoteCallJournal journal)
    {
        var (calls, totalRecorded, capacity) = journal.ReadAll(CancellationToken.None);
        return new(calls, Math.Max(0, totalRecorded - calls.Count), capacity);
    }

    private static JournalSnapshot FromJournal(ICallJournal journal)
    {
        var calls = journal.GetCalls();
        var dropped = Math.Max(0, journal.TotalRecorded - calls.Count);
        return new(calls, dropped, journal.Capacity);
    }
}
