using Obliviate.Reports.Model;

namespace Obliviate.Reports.Attack;

/// <summary>
/// The result of <c>attack</c>, saved as <c>backdoor.json</c>: what was injected into a model folder (method, triggers,
/// target vectors, seeds, corpus hash, settings) and the self-check that shows it took. Red teams read the triggers from
/// it; the probe's benchmark uses it as ground truth.
/// </summary>
public sealed record AttackReport : Report
{
    public const string FileName = "backdoor.json";

    /// <summary>What files written before reports carried <c>schema_version</c> hold instead; read as version 1.</summary>
    public const string LegacyFormat = "obliviate-backdoor/1";

    public override string Kind => "attack";

    /// <summary>Set only in files written before <c>schema_version</c> (see <see cref="LegacyFormat"/>).</summary>
    public string? Format { get; init; }

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
    public required RunInfo Run { get; init; }

    /// <summary>Passed when the self-check shows the backdoor took; failed otherwise (the model is still written).</summary>
    public Outcome Outcome => SelfCheck.Passed ? Outcome.Passed : Outcome.Failed;
}
