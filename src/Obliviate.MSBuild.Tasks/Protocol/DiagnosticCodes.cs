namespace Obliviate.MSBuild.Protocol;

/// <summary>
/// The codes of the build's own diagnostics (docs/msbuild.md). Findings keep their scanner rule id (OBL001…OBL071); the
/// build adds the OBL9xx range, which the scanner's rule table never uses, for what is not a finding about a file's content.
/// Compiled into both the task assembly and the scan host, so the two agree without a reference between them.
/// </summary>
internal static class DiagnosticCodes
{
    /// <summary>A shipped file could not be judged (inconclusive): a warning, an error with ObliviateStrict.</summary>
    public const string Inconclusive = "OBL900";

    /// <summary>The scan could not run or finish (bad settings, a malformed suppression file, the host failed): always an error.</summary>
    public const string ScanFailed = "OBL901";

    /// <summary>The trigger probe judged a shipped encoder backdoored (error) or suspicious (warning).</summary>
    public const string ProbeVerdict = "OBL910";

    /// <summary>The trigger probe ran but could not judge the model: a warning, an error with ObliviateStrict.</summary>
    public const string ProbeFailed = "OBL911";

    /// <summary>ObliviateProbe is on but the dotnet-obliviate tool is not installed: a warning.</summary>
    public const string ProbeToolMissing = "OBL912";
}
