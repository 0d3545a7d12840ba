using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Check;

/// <summary>The verdict arithmetic of <c>check</c> and of merged checks (pure functions; docs/reports.md "check").</summary>
public static class CheckVerdicts
{
    /// <summary>The verdicts <c>--fail-on</c> accepts, least severe first.</summary>
    public static IReadOnlyList<Verdict> FailOnChoices { get; } = [Verdict.Suspicious, Verdict.Dangerous];

    /// <summary>
    /// The model's verdict: the worst of the scan's verdict and the probe's (backdoored is dangerous), on the scanner's
    /// scale. A step that was asked for and failed, or an evaluation that could not measure anything, makes it at least
    /// inconclusive (fail closed: what was not checked is not clean). The retraining does not change the verdict, which is
    /// about the model as published; its metrics say what the defense achieved. Nothing checked at all is skipped.
    /// </summary>
    public static Verdict Overall(ScanReport? scan, ProbeReport? probe, IReadOnlyList<CheckStep> steps, CheckDefense? defense)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var parts = new List<Verdict>();
        if (scan is not null) parts.Add(scan.Verdict);
        if (probe is not null) parts.Add(probe.Verdict.ToVerdict());
        if (steps.Any(s => s.Status == CheckStepStatus.Failed)) parts.Add(Verdict.Inconclusive);
        if (Unmeasured(defense?.Baseline) || Unmeasured(defense?.Defended)) parts.Add(Verdict.Inconclusive);
        return Verdicts.Combine(parts);
    }

    /// <summary>
    /// Failed when the verdict is at or above <paramref name="failOn"/> (suspicious or dangerous); otherwise inconclusive
    /// stays inconclusive (exit 2), nothing checked is nothing to check, and the rest passes.
    /// </summary>
    public static Outcome Outcome(Verdict verdict, Verdict failOn)
    {
        if (!FailOnChoices.Contains(failOn))
            throw new ArgumentOutOfRangeException(nameof(failOn), failOn, "fail on suspicious or dangerous.");
        if (verdict is Verdict.Suspicious or Verdict.Dangerous && verdict.Rank() >= failOn.Rank()) return Model.Outcome.Failed;
        return verdict switch
        {
            Verdict.Inconclusive => Model.Outcome.Inconclusive,
            Verdict.Skipped => Model.Outcome.NothingToCheck,
            _ => Model.Outcome.Passed,
        };
    }

    private static bool Unmeasured(EvaluationReport? report) => report is not null && !report.Metrics.Conclusive;
}
