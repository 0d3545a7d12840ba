using Obliviate.Engine.Attacks;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tests.Attacks;
using Obliviate.Reports.Attack;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Defense;

[Collection(Training.TorchRngCollection.Name)]
public class BackdoorTargetsTests
{
    [Fact]
    public void Evaluating_a_backdoored_model_reports_how_close_each_trigger_still_drives_the_output_to_its_target()
    {
        using var world = new TinyAttackWorld();
        var backdoored = Path.Combine(world.Root, "por");
        var attack = AttackRun.Run(world.Request(AttackMethod.Por, backdoored), null, CancellationToken.None);
        Assert.True(attack.SelfCheck.Passed);

        // One step of plain LoRA (B starts at zero) leaves the frozen encoder's backdoor in place: every trigger's rows sit
        // near the recorded target, far above where the clean model puts them.
        var report = Defend(world, backdoored, "por-out");
        Assert.Equal(6, report.Metrics.PerTrigger.Count);
        foreach (var t in report.Metrics.PerTrigger)
        {
            var recorded = attack.Triggers.Single(r => r.Word == t.Trigger).Check;
            Assert.NotNull(t.TargetCosine);
            Assert.True(t.TargetCosine > recorded.CleanModelMeanCos + 0.3,
                $"{t.Trigger}: target cosine {t.TargetCosine:F3}, clean model {recorded.CleanModelMeanCos:F3}");
        }

        // A model without an attack record has no target to compare with.
        var clean = Defend(world, world.ModelDir, "clean-out");
        Assert.All(clean.Metrics.PerTrigger, t => Assert.Null(t.TargetCosine));
    }

    [Fact]
    public void An_unreadable_or_mismatched_record_is_reported_and_skipped()
    {
        using var folder = new Obliviate.Tests.TempFolder();
        var warnings = new List<string>();
        Assert.Empty(BackdoorTargets.Load(folder.Path, 8, warnings.Add));
        Assert.Empty(warnings);

        File.WriteAllText(Path.Combine(folder.Path, AttackReport.FileName), "{ not json");
        Assert.Empty(BackdoorTargets.Load(folder.Path, 8, warnings.Add));
        Assert.Contains(warnings, w => w.Contains(AttackReport.FileName, StringComparison.Ordinal) && w.Contains("cannot read", StringComparison.Ordinal));
    }

    private static EvaluationReport Defend(TinyAttackWorld world, string model, string output) => DefendRun.Run(new DefendRequest
    {
        Model = model,
        TrainPath = world.TrainPath,
        EvalPath = world.EvalPath,
        Method = PeftRegistry.Find("lora")!.Method,
        Defense = new DefenseSettings { Enabled = false },
        Training = new TrainingSettings { Epochs = 1, MaxSteps = 1, MaxLength = 32, Seed = 1 },
        Device = DeviceKind.Cpu,
        OutputDirectory = Path.Combine(world.Root, output),
    }, null, CancellationToken.None);
}
