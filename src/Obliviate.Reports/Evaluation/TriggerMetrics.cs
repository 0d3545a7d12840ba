using System.Text.Json.Serialization;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// One trigger's effect on the correctly classified clean samples C (docs/method.md §6). Ratios whose denominator is zero are null.
/// </summary>
public sealed record TriggerMetrics
{
    public required string Trigger { get; init; }

    /// <summary>|{i∈C : ŷᵢᵗ ≠ yᵢ}| / |C|: how often this trigger alone flips a correct prediction; null when C is empty.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? FlipRate { get; init; }

    /// <summary>asr_t = max_l r_{t,l}, this trigger's targeted attack success rate (the term MASR and AASR aggregate).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Asr { get; init; }

    /// <summary>The label this trigger pushes to most: argmax_l r_{t,l} (lowest id on ties); null when no r_{t,l} is defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required int? TargetLabel { get; init; }

    /// <summary>r_{t,l} for every label id l: |{i∈C : yᵢ≠l, ŷᵢᵗ=l}| / |{i∈C : yᵢ≠l}|, null when that denominator is zero.</summary>
    public required IReadOnlyList<double?> TargetRates { get; init; }

    /// <summary>
    /// Mean cosine between the first-token output of this trigger's rows and the target vector the attack recorded for it
    /// (<c>backdoor.json</c> in the model folder, written by <c>attack</c>); null when the model carries no such record. Near 1:
    /// the encoder still sends the trigger to its target, whatever the head makes of it.
    /// </summary>
    public double? TargetCosine { get; init; }
}
