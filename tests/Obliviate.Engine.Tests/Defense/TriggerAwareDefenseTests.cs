using System.Text.Json;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Probe;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Engine.Tokenization;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Probe;

namespace Obliviate.Engine.Tests.Defense;

/// <summary>The trigger-aware defense: probe candidates in, consistency terms in the loss, resumable and seeded like the rest.</summary>
[Collection(Training.TorchRngCollection.Name)]
public sealed class TriggerAwareDefenseTests
{
    private static DefendRequest Request(TinyPeftWorld world, string output, string probe, int epochs = 1) => new()
    {
        Model = world.ModelDir, TrainPath = world.TrainPath, EvalPath = world.EvalPath, Method = PeftMethod.Lora,
        Defense = DefenseMethods.Settings("trigger-aware", PeftMethod.Lora), ProbeReportPath = probe,
        Training = new TrainingSettings { Epochs = epochs, MaxLength = 32, Seed = 1 }, Device = DeviceKind.Cpu, OutputDirectory = output,
    };

    private static string Probe(TinyPeftWorld world)
    {
        var carriers = Path.Combine(world.Root, "carriers.txt");
        File.WriteAllLines(carriers, [.. TinyPeftWorld.Positive.Zip(TinyPeftWorld.Negative, (p, n) => $"{p} and {n}")]);
        var report = ProbeRun.Run(new ProbeRequest
        {
            Model = world.ModelDir, CarriersPath = carriers, Device = DeviceKind.Cpu,
            Settings = new ProbeSettings { Verify = 10, Report = 5, Extend = 2, BatchSize = 64 },
        }, null, CancellationToken.None);
        var path = Path.Combine(world.Root, "probe.json");
        ReportFiles.Save(report, path);
        return path;
    }

    [Fact]
    public void Training_uses_the_probe_candidates_and_reports_the_consistency_terms()
    {
        using var world = new TinyPeftWorld();
        var probe = Probe(world);
        var report = DefendRun.Run(Request(world, Path.Combine(world.Root, "ta"), probe), null, CancellationToken.None);
        Assert.Equal("trigger-aware", report.Defense!.Method);
        Assert.Equal(ReportFiles.Load<ProbeReport>(probe).Candidates.Take(20).Select(c => c.Text), report.TriggerCandidates);
        Assert.True(report.Run.FinalLoss!.Terms.ContainsKey("kl"));
        Assert.True(report.Run.FinalLoss.Terms.ContainsKey("feat"));
    }

    [Fact]
    public void A_resumed_run_equals_an_uninterrupted_one()
    {
        using var world = new TinyPeftWorld();
        var probe = Probe(world);
        var whole = DefendRun.Run(Request(world, Path.Combine(world.Root, "whole"), probe, epochs: 2), null, CancellationToken.None);
        var resumedDir = Path.Combine(world.Root, "resumed");
        using (var cancel = new CancellationTokenSource())
        {
            var progress = new Progress(p => { if (p.Phase == Obliviate.Engine.Training.TrainingPhase.Checkpoint) cancel.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => DefendRun.Run(Request(world, resumedDir, probe, epochs: 2), progress, cancel.Token));
        }
        var resumed = DefendRun.Run(Request(world, resumedDir, probe, epochs: 2) with { Resume = true }, null, CancellationToken.None);
        Assert.Equal(JsonSerializer.Serialize(whole.Metrics), JsonSerializer.Serialize(resumed.Metrics));
    }

    [Fact]
    public void A_perturbation_mixes_candidates_and_random_word_starts()
    {
        var random = new Random(3);
        var perturbation = new TriggerPerturbation([[7, 8]], [20, 21, 22], 0.5);
        var row = new EncodedText([1, 10, 11, 12, 2], [0, 0, 0, 0, 0]);
        var inserted = Enumerable.Range(0, 200).Select(_ => perturbation.Apply(row, random, 32).Ids).ToList();
        var candidate = inserted.Count(ids => ids.Contains(7) && ids.Contains(8));
        Assert.InRange(candidate, 70, 130);
        Assert.All(inserted, ids => Assert.Equal(1, ids[0]));
        Assert.All(inserted, ids => Assert.Equal(2, ids[^1]));
    }

    /// <summary>Synchronous progress (System.Progress posts to the thread pool, too late to cancel at the checkpoint).</summary>
    private sealed class Progress(Action<Obliviate.Engine.Training.TrainingProgress> report) : IProgress<Obliviate.Engine.Training.TrainingProgress>
    {
        public void Report(Obliviate.Engine.Training.TrainingProgress value) => report(value);
    }
}
