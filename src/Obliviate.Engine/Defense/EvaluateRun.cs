using Obliviate.Engine.Classification;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Defense;

/// <summary>
/// <c>evaluate</c>: loads a saved adapter + head onto the base model and measures CACC and the backdoor metrics on the poisoned
/// evaluation set. With the folder's <c>eval_results.json</c> it rebuilds exactly the set <c>defend</c> used.
/// </summary>
public static class EvaluateRun
{
    /// <exception cref="DatasetFormatException">The evaluation file cannot be used (names the file and line).</exception>
    /// <exception cref="InvalidDataException">The adapter folder or its recorded results are malformed.</exception>
    /// <exception cref="AdapterProvenanceException">The adapter was trained on another base model (unless allowed).</exception>
    public static EvaluationReport Run(EvaluateRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = DateTimeOffset.UtcNow;
        var dir = request.AdapterDirectory;
        if (!Directory.Exists(dir)) throw new InvalidDataException($"{dir}: adapter folder not found.");
        if (request.MaxEval is < 1) throw new Reports.Model.RequestException($"--max-eval must be positive (got {request.MaxEval}).");
        var labels = LabelMap.Load(Path.Combine(dir, PeftArtifactFiles.LabelMap));
        var recordedPath = Path.Combine(dir, EvaluationReport.FileName);
        var recorded = File.Exists(recordedPath) ? ReportFiles.Load<EvaluationReport>(recordedPath) : null;

        var seeds = new SeedPlan(request.Seed ?? recorded?.Seeds.Seed ?? 0);
        var maxEval = request.MaxEval ?? recorded?.MaxEval ?? DatasetDefaults.MaxEval;
        var maxLengthWanted = request.MaxLength ?? recorded?.MaxLength ?? new TrainingSettings().MaxLength;
        var batchSize = recorded?.EvalBatchSize ?? new TrainingSettings().EvalBatchSize;
        var triggers = request.Triggers ?? recorded?.Triggers;
        var text = request.TextColumn ?? Column(recorded?.Eval.TextColumn);
        var pair = request.TextPairColumn ?? Column(recorded?.Eval.TextPairColumn);
        var label = request.LabelColumn ?? Column(recorded?.Eval.LabelColumn);

        var eval = DefendRun.LoadEval(request.EvalPath, labels, text, pair, label).Sample(maxEval, new Random(seeds.EvalSample));
        var poisoned = PoisonedSetBuilder.Build(eval.Rows, new Random(seeds.Poison), triggers);

        var session = TorchSession.Start(request.Device);
        using var baseModel = PretrainedEncoder.Load(request.Model, request.CacheDir, session.Device);
        var maxLength = (int)Math.Min(maxLengthWanted, baseModel.Encoder.MaxTokens);
        var warnings = AdapterProvenance.Check(dir, recorded, baseModel.Summary, request.AllowBaseMismatch).ToList();
        warnings.AddRange(TriggerWarnings.For(poisoned.Triggers, baseModel.Tokenizer));
        foreach (var w in warnings) warn?.Invoke(w);
        using var model = ClassifierArtifacts.Load(dir, baseModel.Encoder, labels.Count);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var metrics = BackdoorEvaluator.Evaluate(model, baseModel.Tokenizer, poisoned, maxLength, batchSize, progress, cancellationToken,
            BackdoorTargets.Load(baseModel.Repository.Directory, baseModel.Encoder.Config.HiddenSize, warn));
        return new EvaluationReport
        {
            Command = "evaluate",
            Model = baseModel.Summary,
            Peft = ClassifierArtifacts.Summarize(model.Peft, dir),
            Seeds = seeds,
            Eval = eval.Summarize(),
            MaxEval = maxEval,
            MaxLength = maxLength,
            EvalBatchSize = batchSize,
            Triggers = poisoned.Triggers,
            TriggerMaxPosition = poisoned.MaxPosition,
            Metrics = metrics,
            Warnings = warnings,
            Run = RunRecords.Create(started, session, watch.Elapsed.TotalSeconds),
        };
    }

    /// <summary>A recorded column: its header name, or <c>#index</c> for a header-less file.</summary>
    private static ColumnRef? Column(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.StartsWith('#') && int.TryParse(value[1..], out var index) ? ColumnRef.ByIndex(index) : ColumnRef.ByName(value);
    }
}
