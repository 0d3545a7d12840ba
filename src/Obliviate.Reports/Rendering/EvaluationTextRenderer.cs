using System.Globalization;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Reports.Rendering;

/// <summary>The plain-text view of a <c>defend</c>/<c>evaluate</c> result: the run in one line, then every metric and trigger.</summary>
public static class EvaluationTextRenderer
{
    public static void Write(EvaluationReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        if (report.Training is { } training)
        {
            output.WriteLine(string.Create(inv,
                $"{report.Command}: {report.Peft.Method} on {report.Model.Name}, defense {(report.Defense?.Enabled == true ? "on" : "off")}, " +
                $"{training.Epochs} epochs ({report.TotalSteps} steps, lr {training.LearningRate:G3})"));
        }
        else
        {
            output.WriteLine($"{report.Command}: {report.Peft.Method} adapter on {report.Model.Name}, {report.Triggers.Count} triggers");
        }
        var m = report.Metrics;
        var labels = report.Eval.Labels;
        output.WriteLine($"  samples        {m.N} clean, {m.Correct} correct");
        output.WriteLine($"  CACC           {Percent(m.Cacc)}");
        output.WriteLine($"  F1 ({m.F1Average,-6})    {Percent(m.F1)}");
        output.WriteLine($"  ASR            {Percent(m.Asr)}   (any trigger flips a correct prediction)");
        output.WriteLine($"  MASR / AASR    {Percent(m.Masr)} / {Percent(m.Aasr)}   (targeted: max / mean over triggers)");
        output.WriteLine($"  WASR / WMASR   {Percent(m.Wasr)} / {Percent(m.Wmasr)}");
        output.WriteLine($"  flipped ratio  {Percent(m.FlippedRatio)}");
        foreach (var t in m.PerTrigger)
        {
            var target = t.TargetLabel is { } l && l < labels.Count ? labels[l] : "-";
            var cosine = t.TargetCosine is { } c ? string.Create(CultureInfo.InvariantCulture, $"  cos to attack target {c:F3}") : "";
            output.WriteLine($"  trigger {t.Trigger,-6} flip {Percent(t.FlipRate)}  asr {Percent(t.Asr)} → {target}{cosine}");
        }
        if (m.InconclusiveReason is { } why) output.WriteLine($"  inconclusive: {why}.");
    }

    internal static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture).PadLeft(6) + "%" : "    n/a";
}
