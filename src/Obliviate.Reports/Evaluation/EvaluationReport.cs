using Obliviate.Reports.Model;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// The result of <c>defend</c> (training plus evaluation) or <c>evaluate</c> (evaluation of a saved adapter), saved as
/// <c>eval_results.json</c>: every metric, the full configuration, the seeds and the data hashes; timings only in
/// <see cref="Run"/>, so the rest is identical for identical runs.
/// </summary>
public sealed record EvaluationReport : Report
{
    public const string FileName = "eval_results.json";

    public override string Kind => "evaluation";

    public string Tool { get; init; } = "obliviate";

    /// <summary>defend or evaluate.</summary>
    public string Command { get; init; } = "defend";

    public required ModelSummary Model { get; init; }
    public required PeftSummary Peft { get; init; }

    /// <summary>The defense of the training run; null for <c>evaluate</c>.</summary>
    public DefenseSettings? Defense { get; init; }

    /// <summary>The training settings with the learning rate and warm-up ratio resolved; null for <c>evaluate</c>.</summary>
    public TrainingSettings? Training { get; init; }

    public int? TotalSteps { get; init; }
    public required SeedPlan Seeds { get; init; }
    public DatasetSummary? Train { get; init; }
    public required DatasetSummary Eval { get; init; }
    public int? MaxTrain { get; init; }
    public required int MaxEval { get; init; }
    public required int MaxLength { get; init; }
    public required int EvalBatchSize { get; init; }
    public required IReadOnlyList<string> Triggers { get; init; }
    public required int TriggerMaxPosition { get; init; }
    public required BackdoorMetricsResult Metrics { get; init; }
    /// <summary>The trigger-aware defense's probe candidates (best first); null for other methods.</summary>
    public IReadOnlyList<string>? TriggerCandidates { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required RunInfo Run { get; init; }

    /// <summary>Passed when every metric could be measured; inconclusive when no clean sample was classified correctly.</summary>
    public Outcome Outcome => Metrics.Conclusive ? Outcome.Passed : Outcome.Inconclusive;
}
