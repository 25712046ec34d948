namespace ChatMock.Contracts;

/// <summary>What checking one request body against the contract found.</summary>
internal sealed class ContractValidationResult
{
    public static readonly ContractValidationResult Valid = new([], []);

    public ContractValidationResult(IReadOnlyList<ContractViolation> violations, IReadOnlyList<string> warnings, int notDescribed = 0)
    {
        Violations = violations;
        Warnings = warnings;
        TotalViolations = violations.Count + notDescribed;
    }

    /// <summary>Gets the places where the body breaks the contract; empty when it keeps it.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; }

    /// <summary>Gets what was accepted but is worth knowing, such as a property name in the wrong casing.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Gets how many places break the contract: past the first <see cref="ContractValidator.MaxDescribed"/>, they are
    /// counted but not described, so that a body of a hundred thousand faults costs no more than a hundred.
    /// </summary>
    public int TotalViolations { get; }

    public bool IsValid => Violations.Count == 0;
}
