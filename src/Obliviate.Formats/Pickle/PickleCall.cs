namespace Obliviate.Formats.Pickle;

/// <summary>
/// A call-like opcode and, when known, the global it applies to. <see cref="Arguments"/> holds, by position, the
/// arguments that are imported globals themselves (null elsewhere), because some callables call or instantiate what
/// they are given (copyreg._reconstructor instantiates its class argument).
/// </summary>
public sealed record PickleCall(PickleCallKind Kind, PickleGlobal? Target, long Offset)
{
    /// <summary>Positional arguments that are imported globals (null for any other value); empty when none is.</summary>
    public IReadOnlyList<PickleGlobal?> Arguments { get; init; } = [];

    /// <summary>What the callee is when it is not an imported global, e.g. "the result of numpy.dtype(...)" or "a str".</summary>
    public string? TargetDescription { get; init; }
}
