namespace Obliviate.Formats.Pickle;

/// <summary>A call-like opcode and, when known, the global it applies to.</summary>
public sealed record PickleCall(PickleCallKind Kind, PickleGlobal? Target, long Offset);
