using System.Globalization;
using Obliviate.MSBuild.Protocol;
using Obliviate.Reports.Model;

namespace Obliviate.MSBuild.ScanHost;

/// <summary>
/// What a scan report means to a build, as diagnostics (docs/msbuild.md, "Severity"): a finding at or above the fail-on
/// severity is an error, a medium or high one below it a warning, a low one a note (SARIF's levels); a suppressed finding is
/// a note naming its reason; an unread file is a warning (OBL900), an error when strict. The project's NoWarn and
/// warnings-as-errors are applied afterwards by the task, which knows the project.
/// </summary>
internal static class BuildDiagnostics
{
    public static IReadOnlyList<DiagnosticLine> From(ScanReport report, string root, Severity failOn, bool strict)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<DiagnosticLine>();
        foreach (var file in report.Files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            // A dangerous file counts as at least high whatever its findings say (Verdicts.Outcome), so its most severe
            // finding is reported as high: no grading path lets a dangerous file through at the default threshold.
            var lead = file.Verdict == Verdict.Dangerous
                ? file.Findings.Where(f => f.Suppression is null).OrderByDescending(f => f.Severity).FirstOrDefault()
                : null;
            foreach (var f in file.Findings)
            {
                if (f.Suppression is { } s)
                {
                    lines.Add(new DiagnosticLine(DiagnosticLevel.Note, f.RuleId, path, $"{Text(f)} (suppressed by {s.Source}: {s.Reason})"));
                    continue;
                }
                var severity = ReferenceEquals(f, lead) && f.Severity < Severity.High ? Severity.High : f.Severity;
                lines.Add(new DiagnosticLine(Level(severity, failOn), f.RuleId, path, Text(f)));
            }
            if (file.Verdict == Verdict.Inconclusive)
            {
                lines.Add(new DiagnosticLine(strict ? DiagnosticLevel.Error : DiagnosticLevel.Warning, DiagnosticCodes.Inconclusive, path,
                    $"could not be judged, so it is not known to be safe to ship: {file.Note ?? "inconclusive"}"));
            }
        }
        return lines;
    }

    private static DiagnosticLevel Level(Severity severity, Severity failOn) =>
        severity >= failOn ? DiagnosticLevel.Error : severity >= Severity.Medium ? DiagnosticLevel.Warning : DiagnosticLevel.Note;

    /// <summary>"calls builtins.eval: executes code (critical, in archive/data.pkl at byte 29). Do not load this file."</summary>
    private static string Text(Finding f)
    {
        var where = new List<string> { f.Severity.Word() };
        if (!string.IsNullOrEmpty(f.Evidence) && !f.Message.Contains(f.Evidence, StringComparison.Ordinal)) where.Add(f.Evidence);
        if (!string.IsNullOrEmpty(f.InnerPath)) where.Add("in " + f.InnerPath);
        if (f.Offset is { } offset) where.Add(string.Create(CultureInfo.InvariantCulture, $"at byte {offset}"));
        var text = $"{f.Message} ({string.Join(", ", where)})";
        return string.IsNullOrEmpty(f.Advice) ? text : $"{text}. {f.Advice}";
    }
}
