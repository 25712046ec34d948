using NUnit.Framework.Constraints;

namespace ChatMock.Testing;

/// <summary>
/// The outcome of a journal assertion. Its message keeps NUnit's shape (<c>Expected:</c> and <c>But was:</c>) and
/// adds the calls that explain the failure.
/// </summary>
internal sealed class JournalConstraintResult : ConstraintResult
{
    private readonly string _received;
    private readonly IReadOnlyList<string> _details;

    public JournalConstraintResult(IConstraint constraint, object? actual, bool isSuccess, string received, IReadOnlyList<string> details)
        : base(constraint, actual, isSuccess)
    {
        _received = received;
        _details = details;
    }

    public override void WriteMessageTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("  Expected: " + Description);
        writer.WriteLine("  But was:  " + _received);
        foreach (var line in _details)
        {
            writer.WriteLine(line);
        }
    }

    public override void WriteActualValueTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_received);
    }
}
