namespace Obliviate.Formats.SafeTensors;

/// <summary>Caps applied while reading untrusted safetensors headers, so a hostile file cannot exhaust memory or time.</summary>
public sealed record SafeTensorsLimits
{
    /// <summary>The largest JSON header accepted; the reference implementation uses the same 100 MB cap.</summary>
    public long MaxHeaderBytes { get; init; } = 100_000_000;

    /// <summary>The most tensors one file may declare.</summary>
    public int MaxTensors { get; init; } = 1_000_000;

    /// <summary>The highest tensor rank accepted.</summary>
    public int MaxRank { get; init; } = 32;

    /// <summary>The most <c>__metadata__</c> entries accepted.</summary>
    public int MaxMetadataEntries { get; init; } = 100_000;

    public static SafeTensorsLimits Default { get; } = new();
}
