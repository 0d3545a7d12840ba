using System.Text.Json.Nodes;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Training;

namespace Obliviate.Engine.Defense;

/// <summary>
/// <c>evaluate</c>: loads a saved adapter + head onto the base model and measures CACC and the backdoor metrics on the poisoned
/// evaluation set. With the folder's <c>eval_results.json</c> it rebuilds exactly the set <c>defend</c> used.
/// </summary>
public static class EvaluateRun
{
    public static EvalResults Run(EvaluateRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = DateTimeOffset.UtcNow;
        var dir = request.AdapterDirectory;
        if (!Directory.Exists(dir)) throw new InvalidDataException($"{dir}: adapter folder not found.");
        var labels = LabelMap.Load(Path.Combine(dir, PeftArtifactFiles.LabelMap));
        var recordedPath = Path.Combine(dir, PeftArtifactFiles.EvalResults);
        var recorded = File.Exists(recordedPath) ? PeftArtifacts.ReadJson(recordedPath) : null;

        var seeds = new SeedPlan(request.Seed ?? Int(recorded?["seeds"]?["seed"]) ?? 0);
        var maxEval = request.MaxEval ?? Int(recorded?["max_eval"]) ?? DatasetDefaults.MaxEval;
        var maxLengthWanted = request.MaxLength ?? Int(recorded?["max_length"]) ?? 128;
        var batchSize = Int(recorded?["eval_batch_size"]) ?? 128;
        var triggers = request.Triggers ?? recorded?["triggers"]?.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var recordedEval = recorded?["eval"];
        var text = request.TextColumn ?? Column(recordedEval?["text_column"]);
        var pair = request.TextPairColumn ?? Column(recordedEval?["text_pair_column"]);
        var label = request.LabelColumn ?? Column(recordedEval?["label_column"]);

        var eval = DefendRun.LoadEval(request.EvalPath, labels, text, pair, label).Sample(maxEval, new Random(seeds.EvalSample));
        var poisoned = PoisonedSetBuilder.Build(eval.Rows, new Random(seeds.Poison), triggers);

        var threads = TorchRuntime.ConfigureThreads();
        var device = TorchRuntime.ResolveDevice(request.Device);
        using var baseModel = BaseModel.Load(request.Model, request.CacheDir, device);
        var maxLength = (int)Math.Min(maxLengthWanted, baseModel.Encoder.MaxTokens);
        using var model = PeftArtifacts.Load(dir, baseModel.Encoder, labels.Count);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var metrics = BackdoorEvaluator.Evaluate(model, baseModel.Tokenizer, poisoned, maxLength, batchSize, progress, cancellationToken);
        var method = model.Peft.Method;
        return new EvalResults
        {
            Model = baseModel.Summary,
            Peft = new PeftSummary(method.Name, method.Format, model.Peft.Trainable.Count, model.Peft.Trainable.Sum(p => p.Value.numel()),
                PeftArtifacts.ReadJson(Path.Combine(dir, PeftArtifactFiles.AdapterConfig))),
            Seeds = seeds,
            Eval = eval.Summarize(),
            MaxEval = maxEval,
            MaxLength = maxLength,
            EvalBatchSize = batchSize,
            Triggers = poisoned.Triggers,
            TriggerMaxPosition = poisoned.MaxPosition,
            Metrics = metrics,
            Run = new RunInfo
            {
                StartedUtc = started,
                Device = device.type.ToString().ToLowerInvariant(),
                Threads = threads,
                EvalSeconds = watch.Elapsed.TotalSeconds,
                PeakRssMb = ProcessMemory.PeakRssMegabytes(),
            },
        };
    }

    private static int? Int(JsonNode? node)
    {
        try
        {
            return node?.GetValue<int>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{PeftArtifactFiles.EvalResults}: '{node!.GetPath()}' must be an integer.", e);
        }
    }

    /// <summary>A recorded column: its header name, or <c>#index</c> for a header-less file.</summary>
    private static ColumnRef? Column(JsonNode? node)
    {
        var value = node?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.StartsWith('#') && int.TryParse(value[1..], out var index) ? ColumnRef.ByIndex(index) : ColumnRef.ByName(value);
    }
}
