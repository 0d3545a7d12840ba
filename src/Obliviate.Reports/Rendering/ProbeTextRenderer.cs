using System.Globalization;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Rendering;

/// <summary>The plain-text view of <c>probe</c>: the verdict, then the ranked candidates with their evidence.</summary>
public static class ProbeTextRenderer
{
    public static void Write(ProbeReport report, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(o);
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv,
            $"probe: {report.Model.Name}{(report.Adapter is null ? "" : $" + adapter {ReportText.Visible(report.Adapter)}")}: {report.Verdict.Word()} " +
            $"(suspicious ≥ {report.SuspiciousThreshold:F1}, backdoored ≥ {report.BackdooredThreshold:F1}; {report.CandidatesScreened} candidates screened, {report.CandidatesVerified} verified)"));
        o.WriteLine("  rank  candidate         score   shift  collapse  attention  norm   pieces");
        var without = report.WithoutAdapter;
        for (var i = 0; i < report.Candidates.Count; i++)
        {
            var c = report.Candidates[i];
            var before = without is not null && i < without.Count ? string.Create(inv, $"  (without adapter {without[i].Score:F1})") : "";
            o.WriteLine(string.Create(inv,
                $"  {i + 1,4}  {Clip(ReportText.Visible(c.Text), 16),-16} {c.Score,6:F1}  {c.Shift,6:F3}  {c.Collapse,8:F3}  {c.Attention,9:F3}  {c.NormRatio,5:F2}  {ReportText.Visible(string.Join(" ", c.Pieces))}{before}"));
        }
    }

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
