using Obliviate.Reports.Check;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>A merged summary as GitHub-flavoured Markdown: its own marker, the worst verdict, one row per model.</summary>
public static class CheckSummaryMarkdownRenderer
{
    /// <summary>The first line of every summary comment (distinct from a single check's, so both can be sticky on one pull request).</summary>
    public const string Marker = "<!-- obliviate:check-summary -->";

    public static void Write(CheckSummaryReport report, TextWriter writer) => Write(report, writer, CheckMarkdownOptions.Default);

    public static void Write(CheckSummaryReport report, TextWriter writer, CheckMarkdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine(Marker);
        var counts = string.Join(", ", report.Models.GroupBy(m => m.Verdict).OrderByDescending(g => g.Key.Rank()).Select(g => $"{g.Count()} {g.Key.Word()}"));
        w.WriteLine($"## {CheckMarkdownRenderer.Headline(report.Verdict)}: Obliviate check of {report.Models.Count} models");
        w.WriteLine();
        w.WriteLine($"**Verdict: {report.Verdict.Word()}** (the worst of the models): {(counts.Length == 0 ? "no models" : counts)}.");
        w.WriteLine();
        w.WriteLine("| model | verdict | scan | probe | ASR before → after | CACC before → after | failed steps |");
        w.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var m in report.Models)
        {
            w.WriteLine($"| {MarkdownReportRenderer.Cell(m.Target, 120)} | {CheckMarkdownRenderer.Headline(m.Verdict)} | {m.Scan?.Word() ?? "–"} | " +
                        $"{m.Probe?.Word() ?? "–"} | {Pair(m.AsrBefore, m.AsrAfter)} | {Pair(m.CaccBefore, m.CaccAfter)} | " +
                        $"{(m.FailedSteps.Count == 0 ? "" : string.Join(", ", m.FailedSteps))} |");
        }
        writer.Write(MarkdownCut.Cut(w.ToString(), options.MaxLength, CheckMarkdownRenderer.LeftOutNote(options)));
    }

    private static string Pair(double? before, double? after) =>
        before is null && after is null ? "–" : $"{EvaluationMarkdownRenderer.Pct(before)} → {EvaluationMarkdownRenderer.Pct(after)}";
}
