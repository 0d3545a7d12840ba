using Obliviate.Reports.Check;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>The console view of <c>check</c>: the verdict and one line per step (the report files hold the details).</summary>
public static class CheckTextRenderer
{
    public static void Write(CheckReport report, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(o);
        o.WriteLine($"check: {ReportText.Visible(report.Target)}: {report.Verdict.Word().ToUpperInvariant()}");
        foreach (var step in report.Steps)
        {
            var detail = step.Status == CheckStepStatus.Completed ? Completed(report, step.Name) : ReportText.Visible(step.Message);
            o.WriteLine($"  {step.Name,-14} {step.Status.ToString().ToLowerInvariant(),-10} {detail}".TrimEnd());
        }
    }

    private static string Completed(CheckReport report, string step) => step switch
    {
        CheckStepNames.Scan when report.Scan is { } s => $"{s.Verdict.Word()}: {s.Files.Count} files; {ReportText.FindingCounts(s.Files)}",
        CheckStepNames.Probe when report.Probe is { } p => CheckMarkdownSections.ProbeSummary(p, Plain),
        CheckStepNames.Baseline when report.Defense?.Baseline is { } b => CheckMarkdownSections.MetricsSummary(b),
        CheckStepNames.Defend when report.Defense?.Defended is { } d => CheckMarkdownSections.MetricsSummary(d),
        CheckStepNames.ProbeAdapter when report.Defense?.ProbeWithAdapter is { } p => CheckMarkdownSections.ProbeSummary(p, Plain),
        _ => "",
    };

    private static string Plain(string text) => ReportText.Clip(ReportText.Visible(text), 40);
}
