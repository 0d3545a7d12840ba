namespace Obliviate.Formats.Pickle;

internal enum StackKind { Mark, Str, Bytes, Int, Global, CallResult, Other, Unknown }

/// <summary>What the walker knows about one value on the unpickler's stack: enough to resolve STACK_GLOBAL and call targets.</summary>
/// <remarks>
/// Ints, tuples and string-keyed dicts keep their contents only so that joblib's inline arrays can be sized
/// (shape, dtype and alignment live in the NumpyArrayWrapper state dict).
/// </remarks>
internal readonly record struct StackItem(StackKind Kind, string? Text = null, PickleGlobal? Global = null)
{
    public long? Int { get; init; }
    public IReadOnlyList<StackItem>? Items { get; init; }
    public Dictionary<string, StackItem>? Dict { get; init; }

    public static readonly StackItem Mark = new(StackKind.Mark);
    public static readonly StackItem Other = new(StackKind.Other);
    public static readonly StackItem Unknown = new(StackKind.Unknown);
}
