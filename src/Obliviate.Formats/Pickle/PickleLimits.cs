namespace Obliviate.Formats.Pickle;

/// <summary>Caps that keep a walk over hostile bytes bounded in time and memory.</summary>
public sealed record PickleLimits
{
    public int MaxStreams { get; init; } = 64;
    public long MaxOpcodes { get; init; } = 20_000_000;
    /// <summary>Text-line arguments (GLOBAL, INT, STRING…) longer than this are a defect, not data.</summary>
    public int MaxLineBytes { get; init; } = 1 << 20;
    public int MaxStackDepth { get; init; } = 1_000_000;
    public int MaxMemoEntries { get; init; } = 1_000_000;
    /// <summary>Largest constant kept as a nested-pickle candidate.</summary>
    public int MaxBlobBytes { get; init; } = 8 << 20;
    /// <summary>Total bytes of candidates kept per input.</summary>
    public long MaxBlobBytesTotal { get; init; } = 32 << 20;
    public int MaxGlobals { get; init; } = 100_000;
}
