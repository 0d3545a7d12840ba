using Obliviate.Engine.Defense;
using Obliviate.Engine.Training;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Tests.Training;

/// <summary>The progress text: one ETA, and a compact form that fits 80 columns.</summary>
public sealed class TrainingProgressViewTests
{
    private static readonly TrainingProgress Step = new(TrainingPhase.Training, 12, 20, 4321, 7500,
        new LossTerms(0.41234, 0.39, -123.456, 12.3456), 2.71e-4, 47.3, TimeSpan.FromSeconds(3 * 3600 + 1234));

    [Fact]
    public void The_compact_line_fits_80_columns_with_room_for_the_spinner()
    {
        var compact = TrainingProgressView.Describe(Step, compact: true);
        Assert.True(compact.Length <= 60, compact);
        Assert.Contains("ETA 3:20:34", compact, StringComparison.Ordinal);
        var evaluating = TrainingProgressView.Describe(Step with { Phase = TrainingPhase.Evaluating, Step = 9000, TotalSteps = 12747 }, compact: true);
        Assert.True(evaluating.Length <= 60, evaluating);
    }

    [Fact]
    public void Each_line_carries_exactly_one_eta()
    {
        foreach (var compact in new[] { false, true })
        {
            var line = TrainingProgressView.Describe(Step, compact);
            Assert.Equal(1, line.Split("ETA").Length - 1);
        }
    }

    [Fact]
    public void The_plan_says_steps_and_estimate()
    {
        var plan = TrainingProgressView.Describe(new TrainingProgress(TrainingPhase.Plan, 1, 3, 4, 1125, null, 0, 0, TimeSpan.FromMinutes(6),
            "1125 steps (3 epochs of 375 steps × 16 rows), 320 ms/step measured on 3 steps"));
        Assert.Equal("plan: 1125 steps (3 epochs of 375 steps × 16 rows), 320 ms/step measured on 3 steps; about 6:00 to go", plan);
    }
}
