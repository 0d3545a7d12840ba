using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Check;

/// <summary>One model's line in a merged summary: its verdict, the parts' verdicts and the retraining's headline numbers.</summary>
public sealed record CheckSummaryEntry
{
    public required string Target { get; init; }
    public required Verdict Verdict { get; init; }
    public Verdict? Scan { get; init; }
    public ProbeVerdict? Probe { get; init; }
    public double? AsrBefore { get; init; }
    public double? AsrAfter { get; init; }
    public double? CaccBefore { get; init; }
    public double? CaccAfter { get; init; }

    /// <summary>Names of the steps that failed.</summary>
    public IReadOnlyList<string> FailedSteps { get; init; } = [];

    /// <summary>The report file the entry was read from, as given.</summary>
    public required string Source { get; init; }

    public static CheckSummaryEntry From(CheckReport report, string source)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new CheckSummaryEntry
        {
            Target = report.Target,
            Verdict = report.Verdict,
            Scan = report.Scan?.Verdict,
            Probe = report.Probe?.Verdict,
            AsrBefore = report.Defense?.Baseline?.Metrics.Asr,
            AsrAfter = report.Defense?.Defended?.Metrics.Asr,
            CaccBefore = report.Defense?.Baseline?.Metrics.Cacc,
            CaccAfter = report.Defense?.Defended?.Metrics.Cacc,
            FailedSteps = [.. report.Steps.Where(s => s.Status == CheckStepStatus.Failed).Select(s => s.Name)],
            Source = source,
        };
    }
}
