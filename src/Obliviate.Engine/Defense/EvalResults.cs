using Obliviate.Formats.IO;
using System.Text.Json;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Training;

namespace Obliviate.Engine.Defense;

/// <summary>
/// <c>eval_results.json</c>: every metric, the full configuration, the seeds and the data hashes; timings only in
/// <see cref="Run"/>, so the rest is identical for identical runs.
/// </summary>
public sealed record EvalResults
{
    public string Tool { get; init; } = "obliviate";
    public required ModelSummary Model { get; init; }
    public required PeftSummary Peft { get; init; }
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
    public required RunInfo Run { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Writes the results atomically (temp + rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
}
