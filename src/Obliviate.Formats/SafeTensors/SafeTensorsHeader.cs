namespace Obliviate.Formats.SafeTensors;

/// <summary>The validated header of a safetensors file: facts only, tensors in data-offset order.</summary>
public sealed record SafeTensorsHeader
{
    /// <summary>The length of the JSON header in bytes (the value of the leading 8-byte little-endian integer).</summary>
    public required long HeaderLength { get; init; }

    /// <summary>The absolute file offset where tensor data starts: 8 + <see cref="HeaderLength"/>.</summary>
    public required long DataStart { get; init; }

    /// <summary>The tensors, ordered by their data offsets.</summary>
    public required IReadOnlyList<SafeTensorsEntry> Tensors { get; init; }

    /// <summary>The <c>__metadata__</c> string map, or null when the header has none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
