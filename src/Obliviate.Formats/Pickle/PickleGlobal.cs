namespace Obliviate.Formats.Pickle;

/// <summary>
/// One import the pickle asks the unpickler to perform (GLOBAL, INST, STACK_GLOBAL or an EXT code).
/// <see cref="Module"/> and <see cref="Name"/> are null when the operands cannot be known statically
/// (e.g. STACK_GLOBAL fed by another call's result) — that is itself a fact the policy grades.
/// </summary>
public sealed record PickleGlobal(string? Module, string? Name, long Offset, string Opcode, string? UnresolvedReason = null)
{
    public bool IsResolved => Module is not null && Name is not null;

    /// <summary>"module.name", or a placeholder naming the unknown part, e.g. "?.os".</summary>
    public string QualifiedName => $"{Module ?? "?"}.{Name ?? "?"}";
}
