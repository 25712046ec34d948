using System.Collections;
using ChatMock.Contracts;
using ChatMock.Journal;

namespace ChatMock.Core.Tests.Journal;

/// <summary>
/// A call recorded with <see cref="CallJournal.RecordLater"/> is written by a work item or by the first read that needs
/// it: whichever comes first, every read finds the call as <see cref="CallJournal.Record"/> would have kept it. The
/// work items are held here and run when each test chooses.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CallJournalWriteLaterTests
{
    private readonly List<Action> _held = [];

    [Test]
    public void A_Read_Before_The_Work_Item_Finds_The_Call_As_Recorded_At_Once()
    {
        // Arrange
        var later = Journal(capacity: 10);
        var atOnce = new CallJournal(capacity: 10);

        // Act
        later.RecordLater(Call(0));
        atOnce.Record(Call(0));
        var found = later.FindKept(1);
        RunHeld();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(found?.Json.ToArray(), Is.EqualTo(atOnce.FindKept(1)?.Json.ToArray()));
            Assert.That(later.FindKept(1)?.Json.ToArray(), Is.EqualTo(found?.Json.ToArray()), "the work item, coming second, changed nothing");
            Assert.That(later.KeptBytes, Is.EqualTo(atOnce.KeptBytes));
            Assert.That(later.Failures, Is.Zero);
        });
    }

    [Test]
    public void The_Work_Item_Writes_The_Call_As_Recorded_At_Once()
    {
        // Arrange
        var later = Journal(capacity: 10);
        var atOnce = new CallJournal(capacity: 10);
        later.RecordLater(Call(0));
        atOnce.Record(Call(0));
        var keptBytesWaiting = later.KeptBytes;

        // Act
        RunHeld();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(later.FindKept(1)?.Json.ToArray(), Is.EqualTo(atOnce.FindKept(1)?.Json.ToArray()));
            Assert.That(later.KeptBytes, Is.EqualTo(atOnce.KeptBytes));
            Assert.That(keptBytesWaiting, Is.LessThan(later.KeptBytes), "a waiting call has no JSON yet");
        });
    }

    [Test]
    public void Calls_Recorded_Either_Way_Keep_Their_Order_Ids_And_Summaries()
    {
        // Arrange
        var journal = Journal(capacity: 10);

        // Act
        journal.RecordLater(Call(0));
        journal.Record(Call(1));
        journal.RecordLater(Call(2, status: 400));
        var counted = journal.CountWhere(summary => summary.StatusCode == 400);
        var calls = journal.GetCalls();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Id), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(calls.Select(c => c.Request.Path), Is.EqualTo(new[] { "/call/0", "/call/1", "/call/2" }));
            Assert.That(counted, Is.EqualTo(1), "a waiting call is counted from its summary");
            Assert.That(journal.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_Waiting_Call_Dropped_From_A_Full_Ring_Is_Never_Written()
    {
        // Arrange
        var journal = Journal(capacity: 2);

        // Act
        for (var i = 0; i < 3; i++)
        {
            journal.RecordLater(Call(i));
        }

        RunHeld();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.Find(1), Is.Null);
            Assert.That(journal.GetCalls().Select(c => c.Request.Path), Is.EqualTo(new[] { "/call/1", "/call/2" }));
            Assert.That(journal.Failures, Is.Zero);
        });
    }

    [Test]
    public void A_Work_Item_After_Clear_Brings_Nothing_Back()
    {
        // Arrange
        var journal = Journal(capacity: 10);
        journal.RecordLater(Call(0));
        journal.RecordLater(Call(1));

        // Act
        journal.Clear();
        RunHeld();
        journal.RecordLater(Call(2));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.GetCalls().Select(c => c.Id), Is.EqualTo(new long[] { 3 }));
            Assert.That(journal.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Past_The_Most_Waiting_A_Call_Is_Written_At_Once()
    {
        // Arrange
        var journal = Journal(capacity: CallJournal.MostWaiting + 10);

        // Act
        for (var i = 0; i <= CallJournal.MostWaiting; i++)
        {
            journal.RecordLater(Call(i));
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.Waiting, Is.EqualTo(CallJournal.MostWaiting));
            Assert.That(_held, Has.Count.EqualTo(1), "one work item writes every waiting call");
            Assert.That(journal.Count, Is.EqualTo(CallJournal.MostWaiting + 1));
            Assert.That(journal.Find(CallJournal.MostWaiting + 1)?.Request.Path, Is.EqualTo($"/call/{CallJournal.MostWaiting}"));
        });
    }

    [Test]
    public void Bodies_Past_The_Most_Waiting_Bytes_Are_Written_At_Once()
    {
        // Arrange
        var journal = Journal(capacity: 10);
        var body = new byte[CallJournal.MostWaitingBytes / 3];

        // Act
        for (var i = 0; i < 3; i++)
        {
            journal.RecordLater(Call(i, body: body));
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.Waiting, Is.EqualTo(2));
            Assert.That(journal.GetCalls(), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void A_Call_Whose_JSON_Fails_Is_Counted_And_Not_Kept_And_The_Others_Are()
    {
        // Arrange
        var journal = Journal(capacity: 10);
        journal.RecordLater(Call(0));
        journal.RecordLater(Call(1));
        var broken = Call(2);
        journal.RecordLater(new RecordedCall
        {
            Timestamp = broken.Timestamp,
            Duration = broken.Duration,
            Request = broken.Request,
            Response = broken.Response,
            Violations = new UnreadableViolations(),
        });

        // Act
        RunHeld();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.Failures, Is.EqualTo(1));
            Assert.That(journal.GetCalls().Select(c => c.Id), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(journal.Find(3), Is.Null);
            Assert.That(journal.CountWhere(_ => true), Is.EqualTo(2));
        });
    }

    [Test]
    public void Writing_Waiting_Calls_Past_The_Byte_Budget_Drops_The_Oldest()
    {
        // Arrange: each call's JSON is a few hundred bytes; the budget holds about two.
        var journal = new CallJournal(capacity: 10, maxBytes: 1_200, _held.Add);
        for (var i = 0; i < 5; i++)
        {
            journal.RecordLater(Call(i));
        }

        // Act
        RunHeld();

        // Assert
        var calls = journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(journal.KeptBytes, Is.LessThanOrEqualTo(1_200));
            Assert.That(calls, Is.Not.Empty);
            Assert.That(calls[^1].Id, Is.EqualTo(5), "the newest call stays");
        });
    }

    [Test]
    public void Calls_Recorded_Later_From_Many_Threads_While_Read_Are_Each_Kept_Once()
    {
        // Arrange: the thread pool writes, readers read at the same time.
        var journal = new CallJournal(capacity: 100_000);
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested)
            {
                reads += journal.ReadCalls(journal.LastId - 50).Count();
            }

            return reads;
        });

        // Act
        Parallel.For(0, 20_000, i => journal.RecordLater(Call(i)));
        var readAfter = journal.GetCalls();
        done.Cancel();
        reader.Wait();

        // Assert: what a read finds, right after recording, is every call; the work items then end with none waiting.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (journal.Waiting > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }

        var ids = journal.GetCalls().Select(c => c.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(readAfter.Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, 20_000).Select(i => (long)i)));
            Assert.That(readAfter.Select(c => c.Request.Path).Distinct().Count(), Is.EqualTo(20_000));
            Assert.That(journal.Waiting, Is.Zero);
            Assert.That(ids, Is.EqualTo(readAfter.Select(c => c.Id)));
            Assert.That(journal.Failures, Is.Zero);
        });
    }

    private CallJournal Journal(int capacity) => new(capacity, ChatMockDefaults.JournalMaxBytes, _held.Add);

    private void RunHeld()
    {
        foreach (var write in _held)
        {
            write();
        }

        _held.Clear();
    }

    private static RecordedCall Call(int n, int status = 200, byte[]? body = null) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(n),
        Duration = TimeSpan.FromMilliseconds(n),
        Request = new RecordedRequest { Method = "POST", Path = "/call/" + n, BodyUtf8 = body ?? "{\"n\":1}"u8.ToArray(), BodyLength = body?.Length ?? 7 },
        Response = new RecordedResponse { StatusCode = status, BodyUtf8 = "{\"ok\":true}"u8.ToArray() },
    };

    /// <summary>Violations whose count can be read but not their entries: writing the call's JSON fails.</summary>
    private sealed class UnreadableViolations : IReadOnlyList<ContractViolation>
    {
        public int Count => 1;

        public ContractViolation this[int index] => throw new InvalidOperationException("unreadable");

        public IEnumerator<ContractViolation> GetEnumerator() => throw new InvalidOperationException("unreadable");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
