using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// The project's say over a diagnostic (docs/msbuild.md, "Severity"): a warning whose code is in <c>NoWarn</c> becomes a
/// message, and <c>ObliviateTreatWarningsAsErrors</c> makes the remaining warnings errors. NoWarn is checked first, as
/// the C# compiler does; it never touches an error, so a dangerous finding is accepted only through the suppression
/// file, which records a reason.
/// </summary>
internal sealed class DiagnosticPolicy
{
    private readonly TaskLoggingHelper _log;
    private readonly bool _warningsAsErrors;
    private readonly HashSet<string> _noWarn;

    public DiagnosticPolicy(TaskLoggingHelper log, bool warningsAsErrors, string? noWarn)
    {
        _log = log;
        _warningsAsErrors = warningsAsErrors;
        _noWarn = new HashSet<string>(
            (noWarn ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The level <paramref name="line"/> is logged at.</summary>
    public DiagnosticLevel Final(DiagnosticLine line)
    {
        if (line.Level != DiagnosticLevel.Warning) return line.Level;
        if (_noWarn.Contains(line.Code)) return DiagnosticLevel.Note;
        return _warningsAsErrors ? DiagnosticLevel.Error : DiagnosticLevel.Warning;
    }

    /// <param name="projectFile">Where a diagnostic about no file is shown (the project, in the IDE's error list).</param>
    public void Log(DiagnosticLine line, string projectFile)
    {
        var file = line.File ?? projectFile;
        switch (Final(line))
        {
            case DiagnosticLevel.Error:
                _log.LogError(null, line.Code, null, file, 0, 0, 0, 0, line.Text);
                break;
            case DiagnosticLevel.Warning:
                _log.LogWarning(null, line.Code, null, file, 0, 0, 0, 0, line.Text);
                break;
            default:
                var prefix = line.Level == DiagnosticLevel.Warning ? "(NoWarn) " : "";
                _log.LogMessage(null, line.Code, null, file, 0, 0, 0, 0, MessageImportance.Normal, prefix + line.Text);
                break;
        }
    }
}
