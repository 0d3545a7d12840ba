using System.Globalization;
using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Probe;
using ScottPlot;

namespace Obliviate.Reports.Html;

/// <summary>
/// The pictures of the HTML report, drawn with ScottPlot as SVG: flip rate per trigger before and after retraining, and the
/// probe's score distribution with its thresholds. Text is drawn as outlines, so a hostile trigger word or candidate
/// cannot become markup; the HTML embeds each chart as an image besides.
/// </summary>
internal static class CheckCharts
{
    private const int Width = 760;
    private const int Height = 340;
    private static readonly Color Before = Color.FromHex("#d62728");
    private static readonly Color After = Color.FromHex("#1f77b4");

    /// <summary>Grouped bars per trigger (plain PEFT, the defense), in percent; null when no retraining ran.</summary>
    public static string? FlipRates(CheckReport report)
    {
        var before = report.Defense?.Baseline;
        var after = report.Defense?.Defended;
        var triggers = (after ?? before)?.Metrics.PerTrigger.Select(t => t.Trigger).Take(40).ToList();
        if (triggers is null || triggers.Count == 0) return null;
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < triggers.Count; i++)
        {
            var t = triggers[i];
            if (before?.Metrics.PerTrigger.FirstOrDefault(x => x.Trigger == t)?.FlipRate is { } b)
                bars.Add(new Bar { Position = 3 * i, Value = 100 * b, FillColor = Before, Size = 1 });
            if (after?.Metrics.PerTrigger.FirstOrDefault(x => x.Trigger == t)?.FlipRate is { } a)
                bars.Add(new Bar { Position = 3 * i + 1, Value = 100 * a, FillColor = After, Size = 1 });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. triggers.Select((_, i) => 3 * i + 0.5)], [.. triggers.Select(t => ReportText.Clip(ReportText.Visible(t), 14))]);
        plot.Axes.SetLimitsY(0, 105);
        plot.Axes.Margins(bottom: 0);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "plain PEFT (before)", FillColor = Before });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{DefenseNames.Of(after)} (after)", FillColor = After });
        // Below the plot: inside it would cover the bars of the last triggers.
        plot.ShowLegend(Edge.Bottom);
        plot.Title("Flip rate per trigger");
        plot.YLabel("correct predictions flipped (%)");
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Candidates per score bin (log scale) with the suspicious and backdoored thresholds; null without a histogram.</summary>
    public static string? ProbeScores(ProbeReport? probe)
    {
        if (probe is null || probe.Histogram.Count == 0 || probe.HistogramEdges.Count != probe.Histogram.Count + 1) return null;
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < probe.Histogram.Count; i++)
        {
            var (lo, hi) = (probe.HistogramEdges[i], probe.HistogramEdges[i + 1]);
            // log10(1 + n): one planted trigger among 30,000 ordinary tokens must still show.
            bars.Add(new Bar { Position = (lo + hi) / 2, Value = Math.Log10(1 + probe.Histogram[i]), Size = hi - lo, FillColor = After });
        }
        plot.Add.Bars(bars);
        var top = Math.Max(1, Math.Ceiling(bars.Max(b => b.Value)));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, (int)top + 1).Select(k => Math.Log10(1 + Math.Pow(10, k) - (k == 0 ? 1 : 0)))],
            [.. Enumerable.Range(0, (int)top + 1).Select(k => k == 0 ? "0" : Math.Pow(10, k).ToString("N0", CultureInfo.InvariantCulture))]);
        var suspicious = plot.Add.VerticalLine(probe.SuspiciousThreshold);
        suspicious.LegendText = "suspicious";
        suspicious.Color = Color.FromHex("#ff7f0e");
        suspicious.LinePattern = LinePattern.Dashed;
        var backdoored = plot.Add.VerticalLine(probe.BackdooredThreshold);
        backdoored.LegendText = "backdoored";
        backdoored.Color = Before;
        backdoored.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, top + 0.2);
        plot.Axes.Margins(bottom: 0);
        plot.Title("Probe score distribution");
        plot.XLabel("score");
        plot.YLabel("candidates");
        return plot.GetSvgXml(Width, Height);
    }
}
