using System.Text.Json;
using System.Text.Json.Nodes;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runs;
using Obliviate.Formats.IO;
using Obliviate.Engine.Runtime;
using Obliviate.Reports.Evaluation;
using TorchSharp;

namespace Obliviate.Bench.Rehead;

/// <summary>
/// Does a defended encoder stay defended under a new head? Loads a <c>defend</c> output folder (PEFT modules + head), freezes
/// the PEFT modules, replaces the head by a freshly initialised one, trains that head alone on the cell's training rows with
/// cross-entropy only (no defense), and evaluates it on the cell's poisoned set (docs/defend.md, "What the defense table
/// measured"). Everything the cell recorded (rows, seed, triggers, lengths) is reused so the two evaluations differ only in
/// the head.
/// </summary>
public static class ReheadBenchmark
{
    public const string Usage = "--model <dir> --cell <defend output folder> [--epochs 3] [--lr 0.001] --output <file.json>";

    public static int Run(BenchArguments args)
    {
        var model = args.OptionalString("model") ?? throw new ArgumentException("--model is required.");
        var cell = args.OptionalString("cell") ?? throw new ArgumentException("--cell is required.");
        var outputPath = args.OptionalString("output") ?? throw new ArgumentException("--output is required.");
        var epochs = args.Int("epochs", 3);
        var lr = double.Parse(args.String("lr", "0.001"), System.Globalization.CultureInfo.InvariantCulture);
        var recorded = ReportFiles.Load<EvaluationReport>(Path.Combine(cell, EvaluationReport.FileName));
        if (recorded.Train is not { } trainSummary || recorded.MaxTrain is not { } maxTrain)
            throw new ArgumentException($"{cell}: the recorded run has no training set (was it written by defend?).");

        var labels = LabelMap.Load(Path.Combine(cell, PeftArtifactFiles.LabelMap));
        var seeds = recorded.Seeds;
        var train = TextDataset.Load(trainSummary.Path, new DatasetOptions { Role = DatasetRole.Train, LabelMap = labels })
            .Sample(maxTrain, new Random(seeds.TrainSample));
        if (train.Sha256 != trainSummary.Sha256) throw new InvalidDataException($"{trainSummary.Path}: not the file the cell trained on (sha256 differs).");
        var eval = TextDataset.Load(recorded.Eval.Path, new DatasetOptions { Role = DatasetRole.Eval, LabelMap = labels })
            .Sample(recorded.MaxEval, new Random(seeds.EvalSample));
        var poisoned = PoisonedSetBuilder.Build(eval.Rows, new Random(seeds.Poison), recorded.Triggers);

        var session = TorchSession.Start(DeviceKind.Cpu);
        using var baseModel = PretrainedEncoder.Load(model, null, session.Device);
        using var classifier = ClassifierArtifacts.Load(cell, baseModel.Encoder, labels.Count);
        foreach (var p in classifier.Peft.Trainable) p.Value.requires_grad = false;
        using (var generator = new torch.Generator((ulong)seeds.Init + 1000))
        using (var fresh = new ClassificationHead(baseModel.Encoder.Config.HiddenSize, labels.Count, 0.1, generator))
        using (torch.no_grad())
        {
            foreach (var (target, source) in classifier.HeadParameters.Zip(fresh.named_parameters()))
                target.Value.copy_(source.parameter);
        }
        // A loaded classifier is frozen for evaluation; the new head is the only thing that trains.
        foreach (var p in classifier.HeadParameters) p.Value.requires_grad = true;

        var settings = new TrainingSettings { Epochs = epochs, Seed = seeds.Seed, MaxLength = recorded.MaxLength, LearningRate = lr, WarmupRatio = 0 };
        var encoded = train.Rows.Select(r => baseModel.Tokenizer.Encode(r.Text, r.TextPair, recorded.MaxLength)).ToList();
        var scratch = Directory.CreateTempSubdirectory("obliviate-rehead-");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var summary = new DefenseTrainer(classifier, baseModel.Tokenizer, settings, DefenseSettings.None, lr).Train(encoded,
                [.. train.Rows.Select(r => r.Label)], Path.Combine(scratch.FullName, "checkpoint.safetensors"), "rehead", false, null, CancellationToken.None);
            var metrics = BackdoorEvaluator.Evaluate(classifier, baseModel.Tokenizer, poisoned, recorded.MaxLength, recorded.EvalBatchSize, null,
                CancellationToken.None, BackdoorTargets.Load(baseModel.Repository.Directory, baseModel.Encoder.Config.HiddenSize, null));
            var result = new JsonObject
            {
                ["cell"] = Path.GetFileName(Path.GetFullPath(cell).TrimEnd(Path.DirectorySeparatorChar)),
                ["method"] = recorded.Defense?.Method ?? "none",
                ["head_epochs"] = epochs,
                ["head_lr"] = lr,
                ["head_steps"] = summary.TotalSteps,
                ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 1),
                ["defended_head"] = Metrics(recorded.Metrics),
                ["new_head"] = Metrics(metrics),
            };
            AtomicFile.WriteAllText(outputPath, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"{result["cell"]}: defended head CACC {recorded.Metrics.Cacc:P1} ASR {recorded.Metrics.Asr:P1}; new head CACC {metrics.Cacc:P1} ASR {metrics.Asr:P1}");
            return 0;
        }
        finally
        {
            scratch.Delete(true);
        }
    }

    private static JsonObject Metrics(BackdoorMetricsResult m) => new()
    {
        ["cacc"] = Round(m.Cacc),
        ["asr"] = Round(m.Asr),
        ["masr"] = Round(m.Masr),
        ["flip_rates"] = new JsonObject(m.PerTrigger.Select(t => KeyValuePair.Create(t.Trigger, (JsonNode?)Round(t.FlipRate)))),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
