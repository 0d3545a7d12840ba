using System.Globalization;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// A <c>defend</c>/<c>evaluate</c> result as GitHub-flavoured Markdown: a summary table of the metrics and one row per trigger.
/// Trigger words are user input and are escaped like every other text.
/// </summary>
public static class EvaluationMarkdownRenderer
{
    public static void Write(EvaluationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var m = report.Metrics;
        var defense = report.Defense is null ? "" : report.Defense.Enabled ? ", Obliviate defense" : ", no defense";
        writer.WriteLine($"## Obliviate {report.Command}: {MarkdownReportRenderer.Escape(report.Peft.Method)} on {MarkdownReportRenderer.Escape(report.Model.Name)}{defense}");
        writer.WriteLine();
        writer.WriteLine("| CACC | F1 | ASR | MASR | AASR | flipped ratio |");
        writer.WriteLine("|---:|---:|---:|---:|---:|---:|");
        writer.WriteLine($"| {Pct(m.Cacc)} | {Pct(m.F1)} | {Pct(m.Asr)} | {Pct(m.Masr)} | {Pct(m.Aasr)} | {Pct(m.FlippedRatio)} |");
        writer.WriteLine();
        var cosines = m.PerTrigger.Any(t => t.TargetCosine is not null);
        writer.WriteLine(cosines ? "| trigger | flip rate | targeted ASR | pushes to | cosine to attack target |" : "| trigger | flip rate | targeted ASR | pushes to |");
        writer.WriteLine(cosines ? "|---|---:|---:|---|---:|" : "|---|---:|---:|---|");
        foreach (var t in m.PerTrigger)
        {
            var target = t.TargetLabel is { } l && l < report.Eval.Labels.Count ? report.Eval.Labels[l] : "-";
            var cosine = !cosines ? "" : t.TargetCosine is { } c ? string.Create(CultureInfo.InvariantCulture, $" {c:F3} |") : " n/a |";
            writer.WriteLine($"| {MarkdownReportRenderer.Escape(t.Trigger)} | {Pct(t.FlipRate)} | {Pct(t.Asr)} | {MarkdownReportRenderer.Escape(target)} |{cosine}");
        }
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.N} clean evaluation rows ({m.Correct} correct), {report.Triggers.Count} triggers; ASR counts a correct row as attacked when any trigger flips it."));
        if (m.InconclusiveReason is { } why) writer.WriteLine($"\n**Inconclusive:** {MarkdownReportRenderer.Escape(why)}.");
    }

    internal static string Pct(double? value) =>
        value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";
}
