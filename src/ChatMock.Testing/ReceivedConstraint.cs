using System.Globalization;
using NUnit.Framework.Constraints;

namespace ChatMock.Testing;

/// <summary>Asserts how many recorded calls match a pattern: exactly, at least, or none.</summary>
internal sealed class ReceivedConstraint : Constraint
{
    private readonly int _count;
    private readonly bool _atLeast;
    private readonly CallPattern _pattern;

    public ReceivedConstraint(int count, bool atLeast, CallPattern pattern)
        : base(count, pattern)
    {
        _count = count;
        _atLeast = atLeast;
        _pattern = pattern;
        Description = (count, atLeast) switch
        {
            (0, false) => "no " + pattern.Describe(plural: false),
            (_, false) => string.Create(CultureInfo.InvariantCulture, $"exactly {count} {pattern.Describe(plural: count != 1)}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"at least {count} {pattern.Describe(plural: count != 1)}"),
        };
    }

    public override string Description { get; }

    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var snapshot = JournalSnapshot.Of(actual);
        var matching = snapshot.Calls.Where(_pattern.Matches).ToList();
        var success = _atLeast ? matching.Count >= _count : matching.Count == _count;
        var details = new List<string>();
        if (!success)
        {
            if (matching.Count > 0)
            {
                details.Add("  Matching calls:");
                CallText.AppendCalls(details, matching);
            }

            var others = snapshot.Calls.Where(call => !_pattern.Matches(call)).ToList();
            if (matching.Count < _count && others.Count > 0)
            {
                details.Add("  Nearest calls:");
                CallText.AppendNearest(details, others, _pattern);
            }

            CallText.AppendDropped(details, snapshot);
        }

        var received = snapshot.Calls.Count == 0
            ? CallText.Received(snapshot)
            : CallText.Count(matching.Count, "matching call", "matching calls") + " among " + CallText.Received(snapshot);
        return new JournalConstraintResult(this, actual, success, received, details);
    }
}
