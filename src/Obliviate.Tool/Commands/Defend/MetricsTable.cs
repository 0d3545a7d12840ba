using System.Globalization;
using Obliviate.Engine.Evaluation;

namespace Obliviate.Tool.Commands.Defend;

/// <summary>Plain-text rendering of the backdoor metrics (the JSON is in eval_results.json).</summary>
internal static class MetricsTable
{
    public static void Write(TextWriter output, BackdoorMetricsResult m, IReadOnlyList<string> labels)
    {
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
            output.WriteLine($"  trigger {t.Trigger,-6} flip {Percent(t.FlipRate)}  asr {Percent(t.Asr)} → {target}");
        }
        if (!m.Conclusive) output.WriteLine("  inconclusive: no clean sample was classified correctly, so no attack metric could be measured.");
    }

    private static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture).PadLeft(6) + "%" : "    n/a";
}
