namespace Obliviate.MSBuild.Protocol;

/// <summary>What the scan host means a diagnostic to be, before the project's NoWarn and warnings-as-errors apply.</summary>
internal enum DiagnosticLevel
{
    /// <summary>For the log only (low-severity findings below the threshold, suppressed findings); SARIF calls it a note.</summary>
    Note,
    Warning,
    Error,
}
