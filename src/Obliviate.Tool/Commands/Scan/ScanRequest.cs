using Obliviate.Reports.Model;

namespace Obliviate.Tool.Commands.Scan;

/// <summary>The parsed <c>scan</c> command line.</summary>
/// <param name="Target">A local folder or file, or <c>hf://owner/name[@revision]</c>.</param>
/// <param name="Format">table, json, sarif or markdown.</param>
/// <param name="Output">Write the report here (atomically) instead of standard output.</param>
/// <param name="FailOn">Exit 1 when a finding that is not suppressed has at least this severity.</param>
/// <param name="Suppressions">A suppression file; when null, ./.obliviate-suppressions.json is used if present.</param>
/// <param name="CacheDir">Where hf:// downloads are cached; null for the user's cache folder.</param>
/// <param name="MaxFileSize">Files larger than this are neither downloaded nor read; null for the scanner's default.</param>
/// <param name="Timeout">Budget for download plus scan; null for the defaults.</param>
public sealed record ScanRequest(
    string Target,
    string Format = "table",
    string? Output = null,
    Severity FailOn = Severity.High,
    bool Strict = false,
    string? Suppressions = null,
    string? CacheDir = null,
    long? MaxFileSize = null,
    TimeSpan? Timeout = null);
