using Obliviate.Engine.Files;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Probe;
using Obliviate.Reports.Probe;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using TorchSharp;

namespace Obliviate.Engine.Defense;

/// <summary>
/// <c>defend</c>: retrain PEFT modules and a head on clean data with the Obliviate objective, save them, then evaluate the
/// saved files on the poisoned evaluation set (so <c>evaluate</c> reproduces the metrics exactly).
/// </summary>
public static class DefendRun
{
    /// <summary>The checkpoint file inside the output folder.</summary>
    public static string CheckpointPath(string outputDirectory) => Path.Combine(outputDirectory, TrainingCheckpoint.FileName);

    /// <exception cref="DatasetFormatException">A dataset cannot be used (names the file and line).</exception>
    /// <exception cref="InvalidDataException">The model, a checkpoint or an adapter file is malformed.</exception>
    /// <exception cref="TrainingInterruptedException">Cancelled; a resumable checkpoint was written.</exception>
    /// <param name="warn">Receives warnings as soon as they are known (before a long training run); they are also in the report.</param>
    public static EvaluationReport Run(DefendRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = DateTimeOffset.UtcNow;
        var method = PeftRegistry.Get(request.Method);
        var defense = request.Defense.Validate();
        var settings = request.Training.Validate();
        settings = settings with
        {
            LearningRate = settings.LearningRate ?? method.DefaultLearningRate,
            WarmupRatio = settings.WarmupRatio ?? (defense.Enabled ? 0.05 : 0.0),
        };
        if (request.MaxTrain < 1) throw new Reports.Model.RequestException($"--max-train must be positive (got {request.MaxTrain}).");
        if (request.MaxEval < 1) throw new Reports.Model.RequestException($"--max-eval must be positive (got {request.MaxEval}).");
        var seeds = new SeedPlan(settings.Seed);
        OutputFolder.Prepare(request.OutputDirectory, request.Resume, request.Force, CheckpointPath(request.OutputDirectory));

        var train = TextDataset.Load(request.TrainPath, new DatasetOptions
        {
            Role = DatasetRole.Train, TextColumn = request.TextColumn, TextPairColumn = request.TextPairColumn, LabelColumn = request.LabelColumn,
            LabelMap = request.Labels,
        }).Sample(request.MaxTrain, new Random(seeds.TrainSample));
        var eval = LoadEval(request.EvalPath, train.Labels, request.TextColumn, request.TextPairColumn, request.LabelColumn)
            .Sample(request.MaxEval, new Random(seeds.EvalSample));
        var poisoned = PoisonedSetBuilder.Build(eval.Rows, new Random(seeds.Poison), request.Triggers);

        var session = TorchSession.Start(request.Device);
        var device = session.Device;
        using var baseModel = PretrainedEncoder.Load(request.Model, request.CacheDir, device);
        var tokenizer = baseModel.Tokenizer;
        var maxLength = (int)Math.Min(settings.MaxLength, baseModel.Encoder.MaxTokens);
        var warnings = TriggerWarnings.For(poisoned.Triggers, tokenizer).ToList();
        foreach (var w in warnings) warn?.Invoke(w);
        var (candidates, perturbation) = defense.TriggerAware
            ? Perturbation(request, defense, baseModel, progress, cancellationToken, warn)
            : ([], null);

        TrainingSummary<LossTerms> summary;
        PeftSummary peftSummary;
        BackdoorMetricsResult metrics;
        var evalWatch = new System.Diagnostics.Stopwatch();
        using (var generator = new torch.Generator((ulong)seeds.Init))
        {
            var peft = method.Inject(baseModel.Encoder, new PeftInjectionOptions(generator, defense.EffectiveDropout));
            using var head = new ClassificationHead(baseModel.Encoder.Config.HiddenSize, train.Labels.Count, 0.1, generator, device);
            using var model = new PeftClassifier(baseModel.Encoder, peft, head);
            var encoded = train.Rows.Select(r => tokenizer.Encode(r.Text, r.TextPair, maxLength)).ToList();
            var fingerprint = Fingerprint(request, method, defense, settings, train, baseModel);
            var trainer = new DefenseTrainer(model, tokenizer, settings, defense, settings.LearningRate!.Value, perturbation);
            summary = trainer.Train(encoded, [.. train.Rows.Select(r => r.Label)], CheckpointPath(request.OutputDirectory), fingerprint,
                request.Resume, progress, cancellationToken);
            ClassifierArtifacts.Save(request.OutputDirectory, model, baseModel.Summary.BaseModelNameOrPath, 0.1);
            train.Labels.Save(Path.Combine(request.OutputDirectory, PeftArtifactFiles.LabelMap));
            peftSummary = ClassifierArtifacts.Summarize(model.Peft, request.OutputDirectory);

            // The model in memory equals the saved files bit for bit (F32 tensors; the prefix MLP folds with the same kernels
            // into the saved prompt_embeddings), so evaluating it here gives exactly what 'evaluate' gets from the files
            // (DefendRunTests checks this for every method) without loading the base model a second time.
            evalWatch.Start();
            metrics = BackdoorEvaluator.Evaluate(model, tokenizer, poisoned, maxLength, settings.EvalBatchSize, progress, cancellationToken,
                BackdoorTargets.Load(baseModel.Repository.Directory, baseModel.Encoder.Config.HiddenSize, warn));
            evalWatch.Stop();
        }

        var results = new EvaluationReport
        {
            Model = baseModel.Summary,
            Peft = peftSummary,
            Defense = defense,
            Training = settings,
            TotalSteps = summary.TotalSteps,
            Seeds = seeds,
            Train = train.Summarize(),
            Eval = eval.Summarize(),
            MaxTrain = request.MaxTrain,
            MaxEval = request.MaxEval,
            MaxLength = maxLength,
            EvalBatchSize = settings.EvalBatchSize,
            Triggers = poisoned.Triggers,
            TriggerMaxPosition = poisoned.MaxPosition,
            Metrics = metrics,
            TriggerCandidates = defense.TriggerAware ? candidates : null,
            Warnings = warnings,
            Run = RunRecords.Create(started, session, summary, evalWatch.Elapsed.TotalSeconds),
        };
        ReportFiles.Save(results, Path.Combine(request.OutputDirectory, EvaluationReport.FileName));
        return results;
    }

    /// <summary>
    /// The trigger-aware defense's insertions: the best candidates of a probe of the base model (the given report, or a probe
    /// run now), and the vocabulary's word starts for the random half.
    /// </summary>
    private static (IReadOnlyList<string> Candidates, TriggerPerturbation Perturbation) Perturbation(DefendRequest request, DefenseSettings defense,
        PretrainedEncoder baseModel, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, Action<string>? warn)
    {
        ProbeReport probe;
        if (request.Probe is not null || request.ProbeReportPath is not null)
        {
            var source = request.Probe is null ? $"--probe-report {request.ProbeReportPath}" : "the probe report";
            probe = request.Probe ?? ReportFiles.Load<ProbeReport>(request.ProbeReportPath!);
            if (probe.Adapter is not null)
                throw new Reports.Model.RequestException($"{source} probed an adapter; the defense needs a probe of the bare base model.");
            if (probe.Model.WeightsSha256 is { } sha && baseModel.Summary.WeightsSha256 is { } actual && !string.Equals(sha, actual, StringComparison.OrdinalIgnoreCase))
                throw new Reports.Model.RequestException($"{source} probed another model (weights sha256 {sha[..12]}…); probe {request.Model} or drop the option.");
        }
        else
        {
            probe = ProbeRun.Run(new ProbeRequest { Model = request.Model, CacheDir = request.CacheDir, Device = request.Device }, progress, cancellationToken, warn);
        }
        var candidates = probe.Candidates.Take(defense.Candidates).Select(c => c.Text).ToList();
        var tokenizer = baseModel.Tokenizer;
        var ids = candidates.Select(c => tokenizer.TokenizeWord(c)).Where(i => i.Count is > 0 and <= 10).ToList();
        var pool = CandidateSource.Vocabulary(tokenizer).Select(c => c.Ids[0]).ToList();
        return (candidates, new TriggerPerturbation(ids, pool, defense.CandidateShare));
    }

    /// <summary>Loads an evaluation file with the training label map, so ids mean the same classes.</summary>
    internal static TextDataset LoadEval(string path, LabelMap labels, ColumnRef? text, ColumnRef? pair, ColumnRef? label) =>
        TextDataset.Load(path, new DatasetOptions
        {
            Role = DatasetRole.Eval, LabelMap = labels, TextColumn = text, TextPairColumn = pair, LabelColumn = label,
        });

    /// <summary>A hash of everything that defines the training trajectory; a checkpoint is resumed only into the same run.</summary>
    private static string Fingerprint(DefendRequest request, PeftMethodInfo method, DefenseSettings defense, TrainingSettings settings,
        TextDataset train, PretrainedEncoder baseModel)
    {
        var weights = new FileInfo(baseModel.Repository.WeightsPath);
        var identity = new
        {
            model = baseModel.Summary,
            config = baseModel.Repository.Config.ToJson(),
            weights_bytes = weights.Exists ? weights.Length : -1,
            method = method.Name,
            defense,
            settings,
            train = train.Sha256,
            rows = train.Rows.Count,
            columns = new[] { train.TextColumn, train.TextPairColumn, train.LabelColumn },
            request.MaxTrain,
        };
        return TrainingCheckpoint.Fingerprint(identity);
    }
}
