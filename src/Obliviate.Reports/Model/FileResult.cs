namespace Obliviate.Reports.Model;

/// <summary>The scan result for one file of the target.</summary>
public sealed record FileResult
{
    /// <summary>Relative to the scan root, '/' separators.</summary>
    public required string Path { get; init; }

    public required long Size { get; init; }

    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Sniffed by magic bytes: "pickle", "pytorch-zip", "safetensors", ...</summary>
    public required string Format { get; init; }

    public required Verdict Verdict { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Why skipped / inconclusive.</summary>
    public string? Note { get; init; }
}
