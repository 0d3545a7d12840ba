namespace Obliviate.Reports.Model;

/// <summary>The verdict arithmetic shared by the scanner, the suppression step and the renderers (pure functions).</summary>
public static class Verdicts
{
    /// <summary>
    /// The overall verdict of several files: dangerous &gt; inconclusive &gt; suspicious &gt; clean; skipped files do not
    /// count, and a scan with nothing but skipped files (or none) is skipped. Inconclusive outranks suspicious because an
    /// unread file may hide anything (fail closed).
    /// </summary>
    public static Verdict Combine(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var best = Verdict.Skipped;
        foreach (var v in verdicts)
        {
            if (Rank(v) > Rank(best)) best = v;
        }
        return best;
    }

    /// <summary>The verdict that findings alone imply: critical/high → dangerous, medium/low → suspicious, none → clean.</summary>
    public static Verdict FromFindings(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var verdict = Verdict.Clean;
        foreach (var f in findings)
        {
            if (f.Suppression is not null) continue;
            if (f.Severity >= Severity.High) return Verdict.Dangerous;
            verdict = Verdict.Suspicious;
        }
        return verdict;
    }

    /// <summary>The highest severity among the findings that are not suppressed, or null when there is none.</summary>
    public static Severity? HighestActiveSeverity(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Severity? max = null;
        foreach (var file in report.Files)
        {
            foreach (var f in file.Findings)
            {
                if (f.Suppression is null && (max is null || f.Severity > max)) max = f.Severity;
            }
        }
        return max;
    }

    /// <summary>The lower-case word used in JSON, SARIF properties and text output.</summary>
    public static string Word(this Verdict verdict) => verdict switch
    {
        Verdict.Clean => "clean",
        Verdict.Suspicious => "suspicious",
        Verdict.Dangerous => "dangerous",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The probe's verdict on the scanner's scale: backdoored is dangerous.</summary>
    public static Verdict ToVerdict(this Probe.ProbeVerdict verdict) => verdict switch
    {
        Probe.ProbeVerdict.Backdoored => Verdict.Dangerous,
        Probe.ProbeVerdict.Suspicious => Verdict.Suspicious,
        _ => Verdict.Clean,
    };

    /// <summary>The lower-case word used in JSON and text output.</summary>
    public static string Word(this Probe.ProbeVerdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>The lower-case word used in JSON, SARIF properties and text output.</summary>
    public static string Word(this Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    /// <summary>
    /// What a scan means against a <c>--fail-on</c> severity. Findings decide first (failed), then unread files
    /// (inconclusive, fail closed), then an empty target (nothing to check). A dangerous file counts as at least high even
    /// if its findings are rated lower, so no policy path can let a dangerous file pass at the default threshold.
    /// </summary>
    public static Outcome Outcome(ScanReport report, Severity failOn)
    {
        ArgumentNullException.ThrowIfNull(report);
        Severity? worst = null;
        foreach (var file in report.Files)
        {
            var fileWorst = file.Findings.Where(f => f.Suppression is null).Select(f => (Severity?)f.Severity).Max();
            if (file.Verdict == Verdict.Dangerous && (fileWorst is null || fileWorst < Severity.High)) fileWorst = Severity.High;
            if (file.Verdict == Verdict.Suspicious && fileWorst is null) fileWorst = Severity.Low;
            if (fileWorst > worst || worst is null) worst = fileWorst ?? worst;
        }
        if (worst >= failOn) return Model.Outcome.Failed;
        if (report.Files.Any(f => f.Verdict == Verdict.Inconclusive)) return Model.Outcome.Inconclusive;
        if (report.Files.All(f => f.Verdict == Verdict.Skipped)) return Model.Outcome.NothingToCheck;
        return Model.Outcome.Passed;
    }

    /// <summary>The one ranking of the verdict scale: skipped &lt; clean &lt; suspicious &lt; inconclusive &lt; dangerous.</summary>
    public static int Rank(this Verdict v) => v switch
    {
        Verdict.Skipped => 0,
        Verdict.Clean => 1,
        Verdict.Suspicious => 2,
        Verdict.Inconclusive => 3,
        Verdict.Dangerous => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };
}
