using ChatMock.Journal;

namespace ChatMock.Core.Tests.Journal;

public sealed class CallJournalTests
{
    [Test]
    public void Record_Drops_Oldest_When_Full()
    {
        // Arrange
        var journal = new CallJournal(capacity: 3);

        // Act
        for (var i = 0; i < 5; i++)
        {
            journal.Record(Call(i));
        }

        // Assert
        var calls = journal.GetCalls();
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Id), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(journal.Count, Is.EqualTo(3));
            Assert.That(journal.TotalRecorded, Is.EqualTo(5));
        });
    }

    [Test]
    public void LastId_Is_Newest_Id_Recorded_Zero_At_Start_And_Kept_After_Clear()
    {
        // Arrange
        var journal = new CallJournal(capacity: 2);
        var atStart = journal.LastId;
        for (var i = 0; i < 3; i++)
        {
            journal.Record(Call(i));
        }

        var afterThree = journal.LastId;

        // Act
        journal.Clear();
        var afterClear = journal.LastId;
        journal.Record(Call(3));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(atStart, Is.Zero);
            Assert.That(afterThree, Is.EqualTo(3));
            Assert.That(afterClear, Is.EqualTo(3));
            Assert.That(journal.LastId, Is.EqualTo(4));
            Assert.That(journal.Find(journal.LastId)?.Id, Is.EqualTo(4));
        });
    }

    [Test]
    public void Find_Returns_Call_By_Id_And_Null_For_Dropped_Or_Unknown()
    {
        // Arrange
        var journal = new CallJournal(capacity: 2);
        for (var i = 0; i < 3; i++)
        {
            journal.Record(Call(i));
        }

        // Act and assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.Find(1), Is.Null, "dropped");
            Assert.That(journal.Find(2)?.Id, Is.EqualTo(2));
            Assert.That(journal.Find(3)?.Id, Is.EqualTo(3));
            Assert.That(journal.Find(4), Is.Null, "not yet recorded");
        });
    }

    [Test]
    public void Clear_Forgets_Calls_But_Never_Reuses_Ids()
    {
        // Arrange
        var journal = new CallJournal(capacity: 10);
        journal.Record(Call(0));
        journal.Record(Call(1));

        // Act
        journal.Clear();
        journal.Record(Call(2));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(journal.GetCalls().Select(c => c.Id), Is.EqualTo(new long[] { 3 }));
            Assert.That(journal.Find(1), Is.Null);
            Assert.That(journal.Find(3), Is.Not.Null);
        });
    }

    [Test]
    public void Record_From_Many_Threads_Keeps_Every_Call_Once()
    {
        // Arrange
        var journal = new CallJournal(capacity: 100_000);

        // Act
        Parallel.For(0, 20_000, i => journal.Record(Call(i)));

        // Assert
        var ids = journal.GetCalls().Select(c => c.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(20_000));
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Is.Ordered);
        });
    }

    private static RecordedCall Call(int n) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(n),
        Duration = TimeSpan.Zero,
        Request = new RecordedRequest { Method = "POST", Path = "/call/" + n },
        Response = new RecordedResponse { StatusCode = 200 },
    };
}
