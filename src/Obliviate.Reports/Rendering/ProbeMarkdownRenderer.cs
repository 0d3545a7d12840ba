using System.Globalization;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Rendering;

/// <summary><c>probe</c> as GitHub-flavoured Markdown: the verdict line and a table of the top candidates.</summary>
public static class ProbeMarkdownRenderer
{
    /// <summary>Candidates shown in the table; the JSON report has them all.</summary>
    public const int MaxRows = 20;

    public static void Write(ProbeReport report, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        var inv = CultureInfo.InvariantCulture;
        var subject = MarkdownReportRenderer.Escape(report.Model.Name) + (report.Adapter is null ? "" : " with its adapter");
        w.WriteLine($"## Obliviate probe: {subject}: {report.Verdict.Word()}");
        w.WriteLine();
        w.WriteLine(string.Create(inv,
            $"{report.CandidatesScreened} candidate triggers screened without task data, {report.CandidatesVerified} verified on every carrier sentence; " +
            $"a score ≥ {report.BackdooredThreshold:F1} means backdoored, ≥ {report.SuspiciousThreshold:F1} suspicious."));
        w.WriteLine();
        WriteCandidates(report, w, 0, MaxRows);
    }

    /// <summary>The candidate table, rows <paramref name="from"/> (0-based) up to <paramref name="to"/> (exclusive).</summary>
    internal static void WriteCandidates(ProbeReport report, TextWriter w, int from, int to)
    {
        var inv = CultureInfo.InvariantCulture;
        var withBefore = report.WithoutAdapter is not null;
        w.WriteLine(withBefore
            ? "| rank | candidate | score | without adapter | shift | collapse | attention | norm ratio |"
            : "| rank | candidate | score | shift | collapse | attention | norm ratio |");
        w.WriteLine(withBefore ? "|---:|---|---:|---:|---:|---:|---:|---:|" : "|---:|---|---:|---:|---:|---:|---:|");
        for (var i = from; i < Math.Min(to, report.Candidates.Count); i++)
        {
            var c = report.Candidates[i];
            var before = withBefore && i < report.WithoutAdapter!.Count ? string.Create(inv, $" {report.WithoutAdapter[i].Score:F1} |") : "";
            w.WriteLine(string.Create(inv,
                $"| {i + 1} | `{MarkdownReportRenderer.Escape(c.Text)}` | {c.Score:F1} |{before} {c.Shift:F3} | {c.Collapse:F3} | {c.Attention:F3} | {c.NormRatio:F2} |"));
        }
    }
}
