namespace Obliviate.Formats.Zip;

/// <summary>Caps for hostile archives.</summary>
public sealed record ZipLimits
{
    public int MaxEntries { get; init; } = 100_000;
    public int MaxNameBytes { get; init; } = 4096;
}
