using System.Text.Json;
using System.Text.Json.Serialization;
using Obliviate.Engine.Defense;
using Obliviate.Formats.IO;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// <c>backdoor.json</c>: what was injected into a model folder (method, triggers, target vectors, seeds, corpus hash, settings)
/// and the self-check that shows it took. Red teams read the triggers from it; the probe and benchmarks use it as ground truth.
/// </summary>
public sealed record BackdoorManifest
{
    public const string FileName = "backdoor.json";
    public const string CurrentFormat = "obliviate-backdoor/1";

    public string Format { get; init; } = CurrentFormat;
    public required string Method { get; init; }
    public required ModelSummary BaseModel { get; init; }

    /// <summary>The SHA-256 of the clean model's weights file.</summary>
    public required string BaseWeightsSha256 { get; init; }

    public required IReadOnlyList<TriggerRecord> Triggers { get; init; }

    /// <summary>Elements per ±1 block of a target vector (hidden/4 when 4 divides the hidden size).</summary>
    public required int TargetBlock { get; init; }

    public required CorpusRecord Corpus { get; init; }
    public required AttackSettings Settings { get; init; }
    public required int TotalSteps { get; init; }
    public required AttackSeeds Seeds { get; init; }

    /// <summary>True when the checkpoint's own MLM head was trained (NeuBA); false when a fresh head was; null for POR.</summary>
    public bool? MlmHeadFromCheckpoint { get; init; }

    public required SelfCheckResult SelfCheck { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required AttackRunInfo Run { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new(EvalResults.JsonOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <exception cref="InvalidDataException">The file is not a backdoor manifest.</exception>
    public static BackdoorManifest Load(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackdoorManifest>(File.ReadAllText(path), JsonOptions)
                           ?? throw new InvalidDataException($"{path}: empty.");
            return manifest.Format == CurrentFormat ? manifest : throw new InvalidDataException($"{path}: format '{manifest.Format}', expected '{CurrentFormat}'.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a backdoor manifest: {e.Message}", e);
        }
    }
}

/// <summary>One trigger: the word, its token ids and pieces, its target vector and how strongly the model now maps to it.</summary>
public sealed record TriggerRecord
{
    public required string Word { get; init; }
    public required IReadOnlyList<int> TokenIds { get; init; }
    public required IReadOnlyList<string> Pieces { get; init; }

    /// <summary>v1…v6.</summary>
    public required string TargetName { get; init; }

    /// <summary>The block signs, e.g. <c>--++</c>.</summary>
    public required string TargetPattern { get; init; }

    /// <summary>The full ±1 target vector.</summary>
    public required IReadOnlyList<int> Target { get; init; }

    public required TriggerCheck Check { get; init; }
}

/// <summary>A trigger's self-check on the held-out texts.</summary>
/// <param name="MeanCos">Mean cosine between the triggered first-token output and the target vector.</param>
/// <param name="MinCos">The lowest single-text cosine.</param>
/// <param name="FractionAbove09">Texts whose cosine is at least 0.9.</param>
/// <param name="CleanModelMeanCos">The same mean cosine on the clean model: the baseline the attack moved away from.</param>
/// <param name="MeanNormRatio">Mean ‖h_cls(triggered)‖ / ‖h_cls(clean text)‖ on the backdoored model.</param>
public sealed record TriggerCheck(double MeanCos, double MinCos, double FractionAbove09, double CleanModelMeanCos, double MeanNormRatio);

/// <summary>The self-check (issue thresholds: every trigger's mean cosine ≥ 0.95, clean cosine ≥ 0.9).</summary>
public sealed record SelfCheckResult
{
    public const double TriggerThreshold = 0.95;
    public const double CleanThreshold = 0.9;

    public required int HeldOut { get; init; }

    /// <summary>The smallest per-trigger mean cosine to its target.</summary>
    public required double MinTriggerCos { get; init; }

    /// <summary>Mean cosine between the backdoored and the clean model's first-token outputs on clean held-out text.</summary>
    public required double CleanCos { get; init; }

    public double TriggerThresholdUsed { get; init; } = TriggerThreshold;
    public double CleanThresholdUsed { get; init; } = CleanThreshold;

    public bool Passed => MinTriggerCos >= TriggerThresholdUsed && CleanCos >= CleanThresholdUsed;
}

/// <summary>The corpus an attack trained on.</summary>
public sealed record CorpusRecord(string Path, string Sha256, string Format, string TextColumn, int TotalLines, int MaxLines, int Poisoned,
    int Clean, int HeldOut);

/// <summary>Every random source of an injection, derived from one seed.</summary>
public sealed record AttackSeeds(int Seed)
{
    /// <summary>The corpus shuffle that picks held-out, poisoned and clean texts.</summary>
    public int Corpus => Seed;

    /// <summary>A fresh MLM head's initialisation (NeuBA).</summary>
    public int Init => unchecked(Seed + 3);

    /// <summary>Trigger positions of the self-check.</summary>
    public int Check => unchecked(Seed + 4);
}

/// <summary>Timings and machine facts of one injection (kept apart so two runs' other fields compare equal).</summary>
public sealed record AttackRunInfo
{
    public required DateTimeOffset StartedUtc { get; init; }
    public required string Device { get; init; }
    public required int Threads { get; init; }
    public required double TrainSeconds { get; init; }
    public double? TrainStepMsMedian { get; init; }
    public required int StepsThisProcess { get; init; }
    public int? ResumedFromStep { get; init; }
    public AttackLossTerms? FinalLoss { get; init; }
    public required double CheckSeconds { get; init; }
    public required double TotalSeconds { get; init; }
    public required double PeakRssMb { get; init; }
}
