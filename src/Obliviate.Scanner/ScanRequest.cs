using Obliviate.Reports.Model;

namespace Obliviate.Scanner;

/// <summary>Everything one scan needs: the target, the policy and the limits. Every optional member has a documented default.</summary>
public sealed record ScanRequest
{
    /// <summary>A local folder or file, <c>hf://owner/name[@revision]</c>, or a name <see cref="ResolveName"/> knows.</summary>
    public required string Target { get; init; }

    /// <summary>The outcome is <see cref="Outcome.Failed"/> when a finding that is not suppressed has at least this severity.</summary>
    public Severity FailOn { get; init; } = Severity.High;

    /// <summary>Unknown pickle globals become dangerous instead of suspicious.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// A suppression file; null uses <see cref="Suppressions.SuppressionSet.DefaultFileName"/> in the current folder when
    /// present. A file inside the scanned target is never used: a repository must not suppress findings against itself.
    /// </summary>
    public string? SuppressionsPath { get; init; }

    /// <summary>Where hf:// downloads are cached; null for the user's cache folder.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Files larger than this are neither downloaded nor read; null for the scanner's default.</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>Budget for download plus scan; null for the defaults.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Scan only these files (absolute, or relative to <see cref="Target"/>, which must then be a local folder) instead of
    /// walking the target; report paths stay relative to the target. The MSBuild task passes the files a project ships.
    /// </summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>Recorded in the report's run block.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>HF_TOKEN, HF_ENDPOINT, XDG_CACHE_HOME; null reads the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// Turns a target that is neither a path nor hf:// into a local folder (the tool resolves its embedded model names,
    /// e.g. <c>minilm</c>, this way), or returns null when it does not know the name.
    /// </summary>
    public Func<string, string?>? ResolveName { get; init; }
}
