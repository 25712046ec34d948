using System.Globalization;
using ChatMock.Journal;
using NUnit.Framework.Constraints;

namespace ChatMock.Testing;

/// <summary>
/// Asserts that calls matching each pattern were received in the order given; other calls may come between them.
/// </summary>
internal sealed class ReceivedInOrderConstraint : Constraint
{
    private readonly CallPattern[] _steps;

    public ReceivedInOrderConstraint(CallPattern[] steps)
        : base(steps)
    {
        _steps = steps;
        Description = "calls in this order: " + string.Join(
            "; ",
            steps.Select((step, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {step}")));
    }

    public override string Description { get; }

    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var snapshot = JournalSnapshot.Of(actual);
        var calls = snapshot.Calls;

        // Taking the earliest match for each step finds an order whenever one exists.
        var position = 0;
        RecordedCall? previous = null;
        for (var step = 0; step < _steps.Length; step++)
        {
            var found = -1;
            for (var i = position; i < calls.Count; i++)
            {
                if (_steps[step].Matches(calls[i]))
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                return Failure(actual, snapshot, step, previous, position);
            }

            previous = calls[found];
            position = found + 1;
        }

        return new JournalConstraintResult(this, actual, isSuccess: true, CallText.Received(snapshot), []);
    }

    private JournalConstraintResult Failure(object? actual, JournalSnapshot snapshot, int step, RecordedCall? previous, int position)
    {
        var calls = snapshot.Calls;
        var pattern = _steps[step];
        var number = step + 1;
        var details = new List<string>();
        string received;
        if (previous is null)
        {
            received = calls.Count == 0
                ? CallText.Received(snapshot)
                : string.Create(CultureInfo.InvariantCulture, $"no call matched step 1 among {CallText.Received(snapshot)}");
            if (calls.Count > 0)
            {
                details.Add("  Nearest calls:");
                CallText.AppendNearest(details, calls, pattern);
            }
        }
        else
        {
            received = string.Create(CultureInfo.InvariantCulture, $"step {number - 1} matched #{previous.Id}, but no later call matched step {number}");
            var later = calls.Skip(position).ToList();
            if (later.Count == 0)
            {
                details.Add(string.Create(CultureInfo.InvariantCulture, $"  No call came after #{previous.Id}."));
            }
            else
            {
                details.Add(string.Create(CultureInfo.InvariantCulture, $"  Calls after #{previous.Id}, nearest first:"));
                CallText.AppendNearest(details, later, pattern);
            }

            var early = calls.Take(position).Where(pattern.Matches).ToList();
            if (early.Count > 0)
            {
                details.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  Step {number} matched only earlier calls: {string.Join(", ", early.Select(c => "#" + c.Id.ToString(CultureInfo.InvariantCulture)))}"));
            }
        }

        CallText.AppendDropped(details, snapshot);
        return new JournalConstraintResult(this, actual, isSuccess: false, received, details);
    }
}
