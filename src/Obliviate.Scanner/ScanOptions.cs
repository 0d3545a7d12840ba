namespace Obliviate.Scanner;

/// <summary>What a scan should do.</summary>
public sealed record ScanOptions
{
    /// <summary>Unknown pickle globals become dangerous instead of suspicious (default-deny, like picklescan --strict).</summary>
    public bool Strict { get; init; }
    public ScanLimits Limits { get; init; } = new();
    /// <summary>Shown as the report's target (e.g. "hf://owner/name@rev" for a downloaded snapshot); defaults to the path.</summary>
    public string? DisplayTarget { get; init; }
    /// <summary>
    /// Folders outside the root that symlinks may point into without a finding (e.g. a Hub cache's blobs folder,
    /// whose snapshots are symlinks). Links into them are scanned as the files they point to.
    /// </summary>
    public IReadOnlyList<string> TrustedLinkRoots { get; init; } = [];
    /// <summary>
    /// Only these files (paths absolute or relative to the root folder) instead of everything under the root: what a build
    /// ships is a set of files, not a folder (docs/msbuild.md). Null walks the root.
    /// </summary>
    public IReadOnlyList<string>? Files { get; init; }
    /// <summary>Tool version recorded in the report's run block.</summary>
    public string ToolVersion { get; init; } = typeof(ScanOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
