namespace Obliviate.Formats.Pickle;

/// <summary>
/// One import the pickle asks the unpickler to perform (GLOBAL, INST, STACK_GLOBAL or an EXT code), with the operands
/// exactly as the stream spells them. <see cref="Module"/> and <see cref="Name"/> are null when the operands cannot be
/// known statically (e.g. STACK_GLOBAL fed by another call's result) — that is itself a fact the policy grades.
/// </summary>
public sealed record PickleGlobal(string? Module, string? Name, long Offset, string Opcode, string? UnresolvedReason = null)
{
    /// <summary>
    /// The unpickler's protocol when the import ran (set by the latest PROTO opcode of the stream, 0 without one):
    /// <c>find_class</c> applies the Python 2 renames below 3 and walks dotted names from 4 on.
    /// </summary>
    public int Protocol { get; init; }

    /// <summary>For EXT1/EXT2/EXT4: the extension code, resolved through a registration earlier in the same input.</summary>
    public int? ExtensionCode { get; init; }

    /// <summary>For a resolved extension code: how the code was registered (e.g. "copyreg.add_extension at offset 12").</summary>
    public string? ExtensionSource { get; init; }

    public bool IsResolved => Module is not null && Name is not null;

    /// <summary>
    /// True when module and name are dotted Python identifiers: anything else fails in find_class (ImportError or
    /// AttributeError) and stops the unpickler there, e.g. "mport os" when a .py file is read as protocol-0 INST.
    /// </summary>
    public bool IsImportable => IsResolved && IsDottedIdentifier(Module!) && IsDottedIdentifier(Name!);

    /// <summary>"module.name", or a placeholder naming the unknown part, e.g. "?.os".</summary>
    public string QualifiedName => $"{Module ?? "?"}.{Name ?? "?"}";

    private static bool IsDottedIdentifier(string s) =>
        s.Length > 0 && s.Split('.').All(p => p.Length > 0 && !char.IsDigit(p[0]) && p.All(c => char.IsLetterOrDigit(c) || c == '_'));
}
