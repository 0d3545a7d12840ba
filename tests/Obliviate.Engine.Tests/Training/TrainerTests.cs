using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Training;

[Collection(TorchRngCollection.Name)]
public class TrainerTests
{
    private static readonly TrainingSettings Settings = new() { Epochs = 2, BatchSize = 16, LearningRate = 1e-2, Seed = 3 };

    [Theory]
    [MemberData(nameof(PeftContractTests.Methods), MemberType = typeof(PeftContractTests))]
    public void A_cancelled_and_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one(string name)
    {
        using var world = new TinyPeftWorld();
        var method = PeftRegistry.Find(name)!;
        var (examples, labels) = Data(world, 40); // 3 steps per epoch, 6 in all

        var straight = Train(world, method, examples, labels, Path.Combine(world.Root, "a.safetensors"), cancelAtStep: null);

        var checkpoint = Path.Combine(world.Root, "b.safetensors");
        var interrupted = Assert.Throws<TrainingInterruptedException>(() => Train(world, method, examples, labels, checkpoint, cancelAtStep: 4));
        Assert.Contains("--resume", interrupted.Message, StringComparison.Ordinal);
        var (state, _) = TrainingCheckpoint.Load(checkpoint);
        Assert.Equal((1, 1, 4), (state.Epoch, state.StepInEpoch, state.GlobalStep)); // cancelled before epoch 2's second step
        var resumed = Train(world, method, examples, labels, checkpoint, cancelAtStep: null, resume: true);

        Assert.Equal(straight.Keys, resumed.Keys);
        foreach (var key in straight.Keys) Assert.True(straight[key].SequenceEqual(resumed[key]), $"{key} differs after resume");
    }

    [Fact]
    public void Training_with_the_defense_lowers_the_loss_and_reports_every_term()
    {
        using var world = new TinyPeftWorld();
        var (examples, labels) = Data(world, 64);
        using var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Lora), 0.01);
        var reports = new List<TrainingProgress>();
        var trainer = new DefenseTrainer(model, world.Tokenizer, Settings with { Epochs = 6 }, new DefenseSettings(), 1e-2);
        var summary = trainer.Train(examples, labels, Path.Combine(world.Root, "c.safetensors"), "fp", false,
            new Inline<TrainingProgress>(reports.Add), CancellationToken.None);
        var steps = reports.Where(r => r.Phase == TrainingPhase.Training).ToList();
        Assert.Equal(24, steps.Count);
        Assert.Equal(24, summary.TotalSteps);
        Assert.All(steps, s => Assert.NotNull(Terms(s).Amplification));
        Assert.All(steps, s => Assert.NotNull(Terms(s).Attention));
        var first = steps.Take(4).Average(s => Terms(s).CrossEntropy);
        var last = steps.TakeLast(4).Average(s => Terms(s).CrossEntropy);
        Assert.True(last < first, $"cross-entropy did not fall ({first:F4} → {last:F4})");
        // L_amp only grows the PEFT norms: it must be more negative at the end.
        Assert.True(Terms(steps[^1]).Amplification < Terms(steps[0]).Amplification);
        Assert.Equal(6, reports.Count(r => r.Phase == TrainingPhase.Checkpoint));
    }

    [Fact]
    public void A_checkpoint_from_another_run_is_refused()
    {
        using var world = new TinyPeftWorld();
        var (examples, labels) = Data(world, 20);
        var path = Path.Combine(world.Root, "d.safetensors");
        using (var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Lora)))
        {
            new DefenseTrainer(model, world.Tokenizer, Settings with { Epochs = 1 }, DefenseSettings.None, 1e-2)
                .Train(examples, labels, path, "run-1", false, null, CancellationToken.None);
        }
        using var other = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Lora));
        var error = Assert.Throws<InvalidDataException>(() =>
            new DefenseTrainer(other, world.Tokenizer, Settings with { Epochs = 1 }, DefenseSettings.None, 1e-2)
                .Train(examples, labels, path, "run-2", true, null, CancellationToken.None));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shuffles_differ_per_epoch_and_repeat_per_seed()
    {
        Assert.Equal(TrainingLoop.Shuffle(50, 1, 0), TrainingLoop.Shuffle(50, 1, 0));
        Assert.NotEqual(TrainingLoop.Shuffle(50, 1, 0), TrainingLoop.Shuffle(50, 1, 1));
        Assert.NotEqual(TrainingLoop.StepSeed(1, 0, 1), TrainingLoop.StepSeed(1, 1, 0));
    }

    private static Dictionary<string, float[]> Train(TinyPeftWorld world, PeftMethodInfo method, List<Obliviate.Engine.Tokenization.EncodedText> examples,
        List<int> labels, string checkpoint, int? cancelAtStep, bool resume = false)
    {
        using var model = TinyPeftWorld.CreateClassifier(method, 0.01);
        using var cts = new CancellationTokenSource();
        var progress = new Inline<TrainingProgress>(p =>
        {
            if (p.Phase == TrainingPhase.Training && p.Step == cancelAtStep) cts.Cancel();
        });
        var trainer = new DefenseTrainer(model, world.Tokenizer, Settings, new DefenseSettings(), Settings.LearningRate!.Value);
        trainer.Train(examples, labels, checkpoint, "fingerprint", resume, progress, cts.Token);
        return model.TrainableParameters.ToDictionary(p => p.Key, p => p.Value.data<float>().ToArray());
    }

    private static (List<Obliviate.Engine.Tokenization.EncodedText>, List<int>) Data(TinyPeftWorld world, int rows)
    {
        var dataset = Obliviate.Engine.Data.TextDataset.Load(world.TrainPath).Rows.Take(rows).ToList();
        var tokenizer = world.Tokenizer;
        return ([.. dataset.Select(r => tokenizer.Encode(r.Text, r.TextPair, 32))], [.. dataset.Select(r => r.Label)]);
    }

    private static LossTerms Terms(TrainingProgress progress) => Assert.IsType<LossTerms>(progress.Loss);
}
