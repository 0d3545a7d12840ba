using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Check;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class EvaluationRendererTests
{
    private static string Render(EvaluationReport report, string format)
    {
        var writer = new StringWriter { NewLine = "\n" };
        ReportRenderers.Evaluation.Write(report, format, writer);
        return writer.ToString();
    }

    private static EvaluationReport WithCosines()
    {
        var report = SampleChecks.Evaluation(defense: true, asr: 0.05);
        return report with
        {
            Metrics = report.Metrics with
            {
                PerTrigger = [.. report.Metrics.PerTrigger.Select((t, i) => t with { TargetCosine = i == 0 ? null : 0.25 + i / 10.0 })],
            },
        };
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    public void Per_trigger_lines_carry_the_target_cosine_only_when_an_attack_record_gave_one(string format)
    {
        var plain = Render(SampleChecks.Evaluation(defense: true, asr: 0.05), format);
        Assert.DoesNotContain("attack target", plain, StringComparison.Ordinal);

        var lines = Render(WithCosines(), format).Split('\n');
        string Line(string trigger) => lines.Single(l => l.StartsWith(format == "table" ? $"  trigger {trigger} " : $"| {trigger} |", StringComparison.Ordinal));
        Assert.EndsWith(format == "table" ? "cos to attack target 0.350" : "| 0.350 |", Line("mn"), StringComparison.Ordinal);
        if (format == "table") Assert.DoesNotContain("cos", Line("cf"), StringComparison.Ordinal);
        else Assert.EndsWith("| n/a |", Line("cf"), StringComparison.Ordinal);
    }
}
