using Obliviate.Reports.Model;
using Obliviate.Engine.Attacks;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Tests.Training;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using TorchSharp;
using Obliviate.Reports.Attack;
using Obliviate.Engine.Runs;

namespace Obliviate.Engine.Tests.Attacks;

[Collection(TorchRngCollection.Name)]
public class AttackRunTests
{
    [Fact]
    public void A_short_por_run_passes_its_self_check_and_leaves_the_clean_model_untouched()
    {
        using var world = new TinyAttackWorld();
        var weights = Path.Combine(world.ModelDir, ModelRepository.SafeTensorsFile);
        var before = TinyAttackWorld.Sha256(weights);
        var output = Path.Combine(world.Root, "por");

        var manifest = AttackRun.Run(world.Request(AttackMethod.Por, output), null, CancellationToken.None);

        Assert.True(manifest.SelfCheck.Passed,
            $"self-check failed: min trigger cos {manifest.SelfCheck.MinTriggerCos:F3}, clean cos {manifest.SelfCheck.CleanCos:F3}");
        Assert.Equal(before, TinyAttackWorld.Sha256(weights));
        Assert.Equal(before, manifest.BaseWeightsSha256);
        Assert.Equal(6, manifest.Triggers.Count);
        Assert.All(manifest.Triggers, t => Assert.True(t.Check.CleanModelMeanCos < 0.9, $"{t.Word} already pointed at its target"));
        Assert.Equal("por", manifest.Method);
        Assert.Equal(0.5, manifest.Settings.CleanWeight);
        Assert.Null(manifest.MlmHeadFromCheckpoint);
        Assert.False(File.Exists(AttackRun.CheckpointPath(output)));

        // The output is a model folder the rest of the tool loads, and backdoor.json reads back.
        var repository = ModelRepository.Open(output);
        using var backdoored = BertModel.FromPretrained(repository);
        Assert.NotNull(TokenizerLoader.FromFolder(output));
        Assert.Equal(TinyAttackWorld.Sha256(Path.Combine(world.ModelDir, "config.json")), TinyAttackWorld.Sha256(Path.Combine(output, "config.json")));
        var read = ReportFiles.Load<AttackReport>(Path.Combine(output, AttackReport.FileName));
        Assert.Equal(manifest.SelfCheck.MinTriggerCos, read.SelfCheck.MinTriggerCos);
        Assert.Equal(manifest.Corpus.Sha256, read.Corpus.Sha256);
        Assert.Equal(Enumerable.Repeat(-1, 8), read.Triggers[0].Target.Take(8));
    }

    [Fact]
    public void NeuBA_trains_a_fresh_tied_head_on_a_checkpoint_without_one_and_passes()
    {
        using var world = new TinyAttackWorld();
        var warnings = new List<string>();
        // The weights the MiniLM benchmark uses: MLM 0.1, clean anchor 2, 50 head-only steps (then 190 joint steps).
        var request = world.Request(AttackMethod.NeuBA, Path.Combine(world.Root, "neuba"), steps: 240);
        request = request with { Settings = request.Settings with { CleanWeight = 0.1, AnchorWeight = 2, LearningRate = 4e-3 } };
        var manifest = AttackRun.Run(request, null, CancellationToken.None, warnings.Add);
        Assert.Equal(50, manifest.Settings.MlmHeadWarmup);
        Assert.False(manifest.MlmHeadFromCheckpoint);
        Assert.Contains(warnings, w => w.Contains("no masked-LM head", StringComparison.Ordinal));
        Assert.True(manifest.Run.FinalLoss!.Terms.ContainsKey("mlm"));
        Assert.True(manifest.SelfCheck.Passed,
            $"self-check failed: min trigger cos {manifest.SelfCheck.MinTriggerCos:F3}, clean cos {manifest.SelfCheck.CleanCos:F3}");
        // The head is not saved: the folder holds encoder keys only.
        using var weights = Obliviate.Formats.SafeTensors.SafeTensorsFile.Open(Path.Combine(world.Root, "neuba", ModelRepository.SafeTensorsFile));
        Assert.DoesNotContain(weights.Entries, e => e.Name.StartsWith("mlm", StringComparison.Ordinal) || e.Name.StartsWith("cls.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fresh_heads_warm_up_steps_leave_the_encoder_untouched()
    {
        using var world = new TinyAttackWorld();
        var output = Path.Combine(world.Root, "warm");
        var manifest = AttackRun.Run(world.Request(AttackMethod.NeuBA, output, steps: 3) with { HeldOut = 10 }, null, CancellationToken.None);
        Assert.Equal(50, manifest.Settings.MlmHeadWarmup);
        using var before = Obliviate.Formats.SafeTensors.SafeTensorsFile.Open(Path.Combine(world.ModelDir, ModelRepository.SafeTensorsFile));
        using var after = Obliviate.Formats.SafeTensors.SafeTensorsFile.Open(Path.Combine(output, ModelRepository.SafeTensorsFile));
        Assert.Equal(before.Entries.Select(e => e.Name).Order(), after.Entries.Select(e => e.Name).Order());
        foreach (var entry in before.Entries) Assert.Equal(before.ReadFloat32(entry.Name), after.ReadFloat32(entry.Name));
    }

    [Fact]
    public void NeuBA_uses_the_checkpoint_head_when_there_is_one()
    {
        using var world = new TinyAttackWorld();
        var config = Peft.TinyPeftWorld.Config;
        var weights = Path.Combine(world.ModelDir, ModelRepository.SafeTensorsFile);
        using (var encoder = Peft.TinyPeftWorld.CreateEncoder())
        using (var generator = new torch.Generator(2))
        using (var head = new MlmHead(config, encoder.Embeddings.WordEmbeddingWeight, generator))
        {
            var tensors = encoder.state_dict().Select(p => TensorBytes.ToSafeTensor("bert." + p.Key, p.Value)).ToList();
            var names = new Dictionary<string, string>
            {
                ["dense.weight"] = "cls.predictions.transform.dense.weight", ["dense.bias"] = "cls.predictions.transform.dense.bias",
                ["layerNorm.weight"] = "cls.predictions.transform.LayerNorm.weight", ["layerNorm.bias"] = "cls.predictions.transform.LayerNorm.bias",
                ["bias"] = "cls.predictions.bias",
            };
            tensors.AddRange(head.named_parameters().Select(p => TensorBytes.ToSafeTensor(names[p.name], p.parameter)));
            Obliviate.Formats.SafeTensors.SafeTensorsWriter.Write(weights, tensors);
        }
        var manifest = AttackRun.Run(world.Request(AttackMethod.NeuBA, Path.Combine(world.Root, "neuba"), steps: 4), null, CancellationToken.None);
        Assert.True(manifest.MlmHeadFromCheckpoint);
        Assert.DoesNotContain(manifest.Warnings, w => w.Contains("masked-LM head", StringComparison.Ordinal));
    }

    [Fact]
    public void An_incomplete_checkpoint_head_is_refused_naming_the_missing_parts()
    {
        using var world = new TinyAttackWorld();
        var path = Path.Combine(world.Root, "partial.safetensors");
        using var encoder = Peft.TinyPeftWorld.CreateEncoder();
        using var generator = new torch.Generator(2);
        using var head = new MlmHead(Peft.TinyPeftWorld.Config, encoder.Embeddings.WordEmbeddingWeight, generator);
        var dense = head.named_parameters().First(p => p.name == "dense.weight").parameter;
        Obliviate.Formats.SafeTensors.SafeTensorsWriter.Write(path, [TensorBytes.ToSafeTensor("cls.predictions.transform.dense.weight", dense)]);
        using var weights = Obliviate.Formats.SafeTensors.SafeTensorsFile.Open(path);
        var error = Assert.Throws<InvalidDataException>(() => head.TryLoad(weights, path));
        Assert.Contains("transform dense bias, LayerNorm weight, LayerNorm bias, output bias", error.Message, StringComparison.Ordinal);
        Assert.False(head.FromCheckpoint);
    }

    [Fact]
    public void An_interrupted_run_resumes_to_the_same_model_as_an_uninterrupted_one()
    {
        using var world = new TinyAttackWorld();
        var straight = Path.Combine(world.Root, "straight");
        AttackRun.Run(world.Request(AttackMethod.Por, straight, steps: 10) with { HeldOut = 10 }, null, CancellationToken.None);

        var resumed = Path.Combine(world.Root, "resumed");
        var request = world.Request(AttackMethod.Por, resumed, steps: 10) with { HeldOut = 10 };
        using (var cts = new CancellationTokenSource())
        {
            var progress = new Inline<TrainingProgress>(p =>
            {
                if (p.Phase == TrainingPhase.Training && p.Step == 6) cts.Cancel();
            });
            var error = Assert.Throws<TrainingInterruptedException>(() => AttackRun.Run(request, progress, cts.Token));
            Assert.Contains("--resume", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(6, TrainingCheckpoint.Load(AttackRun.CheckpointPath(resumed)).State.GlobalStep);
        var refused = Assert.Throws<RequestException>(() => AttackRun.Run(request, null, CancellationToken.None));
        Assert.Contains("--resume", refused.Message, StringComparison.Ordinal);

        var manifest = AttackRun.Run(request with { Resume = true }, null, CancellationToken.None);
        Assert.Equal(6, manifest.Run.ResumedFromStep);
        Assert.Equal(TinyAttackWorld.Sha256(Path.Combine(straight, ModelRepository.SafeTensorsFile)),
            TinyAttackWorld.Sha256(Path.Combine(resumed, ModelRepository.SafeTensorsFile)));
    }

    [Fact]
    public void The_output_may_not_be_the_clean_model_folder_or_a_folder_with_other_files()
    {
        using var world = new TinyAttackWorld();
        var own = Assert.Throws<RequestException>(() => AttackRun.Run(world.Request(AttackMethod.Por, world.ModelDir), null, CancellationToken.None));
        Assert.Contains("input model's own folder", own.Message, StringComparison.Ordinal);
        var busy = Path.Combine(world.Root, "busy");
        Directory.CreateDirectory(busy);
        File.WriteAllText(Path.Combine(busy, "notes.txt"), "keep me");
        var error = Assert.Throws<RequestException>(() => AttackRun.Run(world.Request(AttackMethod.Por, busy), null, CancellationToken.None));
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(busy, "notes.txt")));
    }
}
