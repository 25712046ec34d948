using NUnit.Framework.Constraints;

namespace ChatMock.Testing;

/// <summary>
/// NUnit constraints on the calls ChatMock recorded. Pass the journal (or the host) as the actual value; a failure
/// message shows what was received instead: the matching calls, or the nearest ones and why they did not match.
/// </summary>
/// <example>
/// <code>
/// Assert.That(chatMock.Journal, Received.Exactly(1, CallPattern.AddChatMessage.ForSession(403)));
/// Assert.That(chatMock.Journal, Received.NoContractViolations());
/// </code>
/// </example>
public static class Received
{
    /// <summary>Asserts that exactly <paramref name="count"/> recorded calls match <paramref name="pattern"/>.</summary>
    /// <param name="count">How many calls must match.</param>
    /// <param name="pattern">The calls counted, such as <c>CallPattern.AddChatMessage.ForSession(403)</c>.</param>
    /// <returns>The constraint, for <c>Assert.That(journal, ...)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public static Constraint Exactly(int count, CallPattern pattern)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(pattern);
        return new ReceivedConstraint(count, atLeast: false, pattern);
    }

    /// <summary>Asserts that at least <paramref name="count"/> recorded calls match <paramref name="pattern"/>.</summary>
    /// <param name="count">How many calls must match at least.</param>
    /// <param name="pattern">The calls counted.</param>
    /// <returns>The constraint, for <c>Assert.That(journal, ...)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public static Constraint AtLeast(int count, CallPattern pattern)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(pattern);
        return new ReceivedConstraint(count, atLeast: true, pattern);
    }

    /// <summary>Asserts that no recorded call matches <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The calls that must not have happened, such as <c>CallPattern.Any.WithStatus(500)</c>.</param>
    /// <returns>The constraint, for <c>Assert.That(journal, ...)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public static Constraint Never(CallPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ReceivedConstraint(0, atLeast: false, pattern);
    }

    /// <summary>
    /// Asserts that calls matching <paramref name="steps"/> were received in that order, one call per step; other
    /// calls may come between them.
    /// </summary>
    /// <param name="steps">The patterns, first call first.</param>
    /// <returns>The constraint, for <c>Assert.That(journal, ...)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="steps"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is empty.</exception>
    public static Constraint InOrder(params CallPattern[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0)
        {
            throw new ArgumentException("Give at least one pattern.", nameof(steps));
        }

        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
        }

        return new ReceivedInOrderConstraint([.. steps]);
    }

    /// <summary>Asserts that no recorded call broke the contract; a failure lists every violation of the first calls that did.</summary>
    /// <returns>The constraint, for <c>Assert.That(journal, ...)</c>.</returns>
    public static Constraint NoContractViolations() => new NoContractViolationsConstraint();
}
