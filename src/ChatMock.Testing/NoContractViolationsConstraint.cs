using NUnit.Framework.Constraints;

namespace ChatMock.Testing;

/// <summary>Asserts that no recorded call broke the contract, and lists the violations of those that did.</summary>
internal sealed class NoContractViolationsConstraint : Constraint
{
    public override string Description => "no contract violations";

    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var snapshot = JournalSnapshot.Of(actual);
        var broken = snapshot.Calls.Where(call => call.Violations.Count > 0).ToList();
        if (broken.Count == 0)
        {
            return new JournalConstraintResult(this, actual, isSuccess: true, CallText.Received(snapshot), []);
        }

        var details = new List<string>();
        foreach (var call in broken.Take(CallText.Shown))
        {
            details.Add(CallText.Indent + CallText.Line(call));
            foreach (var violation in call.Violations)
            {
                details.Add(CallText.Indent + "  " + violation);
            }
        }

        if (broken.Count > CallText.Shown)
        {
            details.Add(CallText.Indent + CallText.Count(broken.Count - CallText.Shown, "more call", "more calls") + " with violations");
        }

        var received = CallText.Count(broken.Count, "call", "calls") + " broke the contract among " + CallText.Received(snapshot);
        return new JournalConstraintResult(this, actual, isSuccess: false, received, details);
    }
}
