using System.Globalization;
using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Rendering;

/// <summary>The parts of the check page: scan, probe and the before/after retraining, each a short table and, where it helps, a chart.</summary>
internal static class CheckMarkdownSections
{
    /// <summary>Candidates shown open; the rest fold.</summary>
    private const int OpenCandidates = 5;

    public static void Scan(CheckReport report, MarkdownPage page)
    {
        if (report.Scan is not { } scan) return;
        var w = page.W;
        w.WriteLine("### Scan");
        w.WriteLine();
        w.WriteLine($"**{scan.Verdict.Word()}**: {scan.Files.Count} files ({ReportText.VerdictCounts(scan.Files)}); {ReportText.FindingCounts(scan.Files)}.");
        w.WriteLine();
        var findings = scan.Files.SelectMany(file => file.Findings.Select(f => (file, f)))
            .OrderBy(x => x.f.Suppression is null ? 0 : 1).ThenByDescending(x => x.f.Severity).ToList();
        page.Table($"{findings.Count} findings", MarkdownReportRenderer.FindingsHeader, findings,
            x => MarkdownReportRenderer.FindingRow(x.file, x.f, page.MaxCell));
        var files = scan.Files.OrderByDescending(f => f.Verdict.Rank()).ToList();
        page.Table($"{files.Count} files", MarkdownReportRenderer.FilesHeader, files, f => MarkdownReportRenderer.FileRow(f, page.MaxCell), fold: true);
    }

    public static void Probe(CheckReport report, MarkdownPage page, bool mermaid)
    {
        if (report.Probe is not { } probe) return;
        var w = page.W;
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine("### Trigger probe");
        w.WriteLine();
        w.WriteLine(string.Create(inv,
            $"**{probe.Verdict.Word()}**: {probe.CandidatesScreened} candidate triggers screened without task data, {probe.CandidatesVerified} verified on every carrier sentence; " +
            $"a score ≥ {probe.BackdooredThreshold:F1} means backdoored, ≥ {probe.SuspiciousThreshold:F1} suspicious."));
        w.WriteLine();
        var open = Math.Min(OpenCandidates, Math.Min(page.MaxRows, probe.Candidates.Count));
        if (open > 0)
        {
            ProbeMarkdownRenderer.WriteCandidates(probe, w, 0, open);
            w.WriteLine();
        }
        var more = Math.Min(page.MaxRows, probe.Candidates.Count);
        if (more > open)
        {
            w.WriteLine($"<details><summary>candidates {open + 1}–{more}</summary>\n");
            ProbeMarkdownRenderer.WriteCandidates(probe, w, open, more);
            w.WriteLine("\n</details>\n");
        }
        if (more < probe.Candidates.Count) w.WriteLine($"… and {probe.Candidates.Count - more} more candidates in the full report.\n");
        if (mermaid && probe.Histogram.Count > 0 && probe.HistogramEdges.Count == probe.Histogram.Count + 1)
        {
            var labels = probe.Histogram.Select((_, i) => probe.HistogramEdges[i].ToString("0.#", inv)).ToList();
            MermaidChart.WriteBars(w, "Probe score distribution (candidates per score bin)", "candidates", labels,
                probe.Histogram.Max(), [.. probe.Histogram.Select(c => (double)c)]);
            w.WriteLine();
        }
    }

    public static void Defense(CheckReport report, MarkdownPage page, bool mermaid)
    {
        if (report.Defense is not { } defense || (defense.Baseline is null && defense.Defended is null)) return;
        var w = page.W;
        var before = defense.Baseline;
        var after = defense.Defended;
        var method = (after ?? before)!.Peft.Method;
        var name = DefenseNames.Of(after);
        w.WriteLine($"### Retraining: {MarkdownReportRenderer.Cell(method, 40)} without and with the {name} defense");
        w.WriteLine();
        w.WriteLine($"| metric | plain PEFT (before) | {name} (after) |");
        w.WriteLine("|---|---:|---:|");
        Row(w, "CACC (clean accuracy)", before?.Metrics.Cacc, after?.Metrics.Cacc);
        Row(w, "ASR (any trigger flips)", before?.Metrics.Asr, after?.Metrics.Asr);
        Row(w, "MASR (worst trigger, targeted)", before?.Metrics.Masr, after?.Metrics.Masr);
        Row(w, "AASR (mean trigger, targeted)", before?.Metrics.Aasr, after?.Metrics.Aasr);
        w.WriteLine();

        var triggers = (after ?? before)!.Metrics.PerTrigger.Select(t => t.Trigger).ToList();
        double? Flip(EvaluationReport? r, string t) => r?.Metrics.PerTrigger.FirstOrDefault(x => x.Trigger == t)?.FlipRate;
        page.Table($"flip rate per trigger ({triggers.Count})", "| trigger | before | after |\n|---|---:|---:|", triggers,
            t => $"| {MarkdownReportRenderer.Cell(t, page.MaxCell)} | {EvaluationMarkdownRenderer.Pct(Flip(before, t))} | {EvaluationMarkdownRenderer.Pct(Flip(after, t))} |");
        if (mermaid && triggers.Count > 0)
        {
            var shown = triggers.Take(Math.Max(1, Math.Min(page.MaxRows, 24))).ToList();
            var series = new List<IReadOnlyList<double>>();
            if (before is not null) series.Add([.. shown.Select(t => 100 * (Flip(before, t) ?? 0))]);
            if (after is not null) series.Add([.. shown.Select(t => 100 * (Flip(after, t) ?? 0))]);
            MermaidChart.WriteBars(w, before is null ? $"Flip rate per trigger, {name}" : $"Flip rate per trigger: plain PEFT (back) and {name} (front)",
                "flip rate, percent", shown, 100, [.. series]);
            w.WriteLine();
        }
        if (defense.ProbeWithAdapter is { } probed)
        {
            w.WriteLine($"Probe with the defended adapter attached: {ProbeSummary(probed)}.");
            w.WriteLine();
        }
        foreach (var why in new[] { before, after }.Select(r => r?.Metrics.InconclusiveReason).OfType<string>().Distinct())
            w.WriteLine($"**Inconclusive:** {MarkdownReportRenderer.Escape(why)}.\n");
    }

    /// <summary>"backdoored: top candidate cf scores 14.2", the candidate through <paramref name="text"/> (default: Markdown-escaped and clipped).</summary>
    public static string ProbeSummary(ProbeReport probe, Func<string, string>? text = null)
    {
        if (probe.Candidates.Count == 0) return $"{probe.Verdict.Word()}: no candidate";
        var top = probe.Candidates[0];
        var shown = text?.Invoke(top.Text) ?? MarkdownReportRenderer.Cell(top.Text, 40);
        return string.Create(CultureInfo.InvariantCulture, $"{probe.Verdict.Word()}: top candidate {shown} scores {top.Score:F1}");
    }

    /// <summary>"CACC 86.7%, ASR 100.0%, MASR 98.0%".</summary>
    public static string MetricsSummary(EvaluationReport r) =>
        $"CACC {EvaluationMarkdownRenderer.Pct(r.Metrics.Cacc)}, ASR {EvaluationMarkdownRenderer.Pct(r.Metrics.Asr)}, MASR {EvaluationMarkdownRenderer.Pct(r.Metrics.Masr)}";

    private static void Row(TextWriter w, string name, double? before, double? after) =>
        w.WriteLine($"| {name} | {EvaluationMarkdownRenderer.Pct(before)} | {EvaluationMarkdownRenderer.Pct(after)} |");
}
