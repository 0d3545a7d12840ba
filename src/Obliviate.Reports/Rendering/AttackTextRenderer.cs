using System.Globalization;
using Obliviate.Reports.Attack;

namespace Obliviate.Reports.Rendering;

/// <summary>The plain-text view of an <c>attack</c> result: the run, then each trigger's self-check and the verdict.</summary>
public static class AttackTextRenderer
{
    public static void Write(AttackReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        var check = report.SelfCheck;
        output.WriteLine(string.Create(inv,
            $"attack: {report.Method} on {report.BaseModel.Name}, {report.TotalSteps} steps (lr {report.Settings.LearningRate:G3}), {report.Run.TrainSeconds / 60:F1} min"));
        output.WriteLine(string.Create(inv, $"  self-check on {check.HeldOut} held-out texts (cosine of the first-token output):"));
        foreach (var t in report.Triggers)
        {
            var c = t.Check;
            output.WriteLine(string.Create(inv,
                $"  trigger {t.Word,-6} → {t.TargetName} {t.TargetPattern}  mean {c.MeanCos:F3}  min {c.MinCos:F3}  ≥0.9 {c.FractionAbove09 * 100:F0}%  (clean model {c.CleanModelMeanCos:F3})"));
        }
        output.WriteLine(string.Create(inv, $"  clean text: backdoored vs clean model {check.CleanCos:F3}"));
        output.WriteLine(string.Create(inv,
            $"  {(check.Passed ? "PASSED" : "FAILED")}: min trigger {check.MinTriggerCos:F3} (need ≥ {check.TriggerThresholdUsed:F2}), clean {check.CleanCos:F3} (need ≥ {check.CleanThresholdUsed:F2})"));
    }
}
