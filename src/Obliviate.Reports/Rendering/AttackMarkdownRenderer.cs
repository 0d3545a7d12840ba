using System.Globalization;
using Obliviate.Reports.Attack;

namespace Obliviate.Reports.Rendering;

/// <summary>An <c>attack</c> result as GitHub-flavoured Markdown: the self-check verdict and one row per trigger.</summary>
public static class AttackMarkdownRenderer
{
    public static void Write(AttackReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var inv = CultureInfo.InvariantCulture;
        var check = report.SelfCheck;
        writer.WriteLine($"## Obliviate attack ({MarkdownReportRenderer.Escape(report.Method)}) on {MarkdownReportRenderer.Escape(report.BaseModel.Name)}: self-check {(check.Passed ? "passed" : "failed")}");
        writer.WriteLine();
        writer.WriteLine("| trigger | pieces | target | mean cos | min cos | ≥ 0.9 | clean model |");
        writer.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var t in report.Triggers)
        {
            var c = t.Check;
            writer.WriteLine(string.Create(inv,
                $"| {MarkdownReportRenderer.Escape(t.Word)} | {MarkdownReportRenderer.Escape(string.Join(" ", t.Pieces))} | {t.TargetName} `{t.TargetPattern}` | {c.MeanCos:F3} | {c.MinCos:F3} | {c.FractionAbove09 * 100:F0}% | {c.CleanModelMeanCos:F3} |"));
        }
        writer.WriteLine();
        writer.WriteLine(string.Create(inv,
            $"Clean text, backdoored vs clean model: cosine {check.CleanCos:F3} (need ≥ {check.CleanThresholdUsed:F2}); min trigger cosine {check.MinTriggerCos:F3} (need ≥ {check.TriggerThresholdUsed:F2}); {report.TotalSteps} steps."));
    }
}
