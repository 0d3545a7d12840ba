using System.Text.Json.Serialization;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// The backdoor evaluation metrics of docs/method.md §6 as plain doubles in [0, 1], ready for <c>eval_results.json</c>.
/// <para>
/// <b>Division by zero.</b> A metric whose denominator is empty is <c>null</c> (JSON <c>null</c>), never NaN and never a
/// made-up 0: with no correctly classified clean sample (|C| = 0) there is nothing a trigger could flip, so <c>asr</c>,
/// <c>flipped_ratio</c>, <c>wasr</c>, <c>wmasr</c>, <c>masr</c> and <c>aasr</c> are all null and <see cref="Conclusive"/> is
/// false. Reporting 0 there would read as "the defence worked" when nothing was measured.
/// </para>
/// </summary>
public sealed record BackdoorMetricsResult
{
    /// <summary>N, the number of clean evaluation samples.</summary>
    public required int N { get; init; }

    /// <summary>|C|, the clean samples predicted correctly; every attack metric is measured on these.</summary>
    public required int Correct { get; init; }

    /// <summary>Accuracy on the clean copies: |C| / N.</summary>
    public required double Cacc { get; init; }

    /// <summary>F1 on the clean copies: binary with positive class id 1 for two classes, macro otherwise (see <see cref="F1Average"/>).</summary>
    public required double F1 { get; init; }

    /// <summary><c>binary</c> or <c>macro</c>.</summary>
    public required string F1Average { get; init; }

    /// <summary>Untargeted ASR: |{i∈C : ∃t, ŷᵢᵗ ≠ yᵢ}| / |C|.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Asr { get; init; }

    /// <summary>(1/|C|) Σ_{i∈C} |{t : ŷᵢᵗ ≠ yᵢ}| / |T|.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? FlippedRatio { get; init; }

    /// <summary>Mean over labels l with C_l ≠ ∅ of the ASR restricted to C_l = {i∈C : yᵢ = l}.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Wasr { get; init; }

    /// <summary>Max over labels l with C_l ≠ ∅ of the ASR restricted to C_l.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Wmasr { get; init; }

    /// <summary>Targeted: max over triggers of asr_t (see <see cref="TriggerMetrics.Asr"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Masr { get; init; }

    /// <summary>Targeted: mean over triggers of asr_t.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required double? Aasr { get; init; }

    /// <summary>The ASR restricted to C_l for each label id l (null where C_l is empty); WASR and WMASR aggregate these.</summary>
    public required IReadOnlyList<double?> PerLabelAsr { get; init; }

    /// <summary>One entry per trigger, in trigger order.</summary>
    public required IReadOnlyList<TriggerMetrics> PerTrigger { get; init; }

    /// <summary>The largest share of the clean copies that the classifier gives one label (1.0: a constant prediction).</summary>
    public double PredictionShare { get; init; }

    /// <summary>The largest share of the clean copies that carry one true label (the majority class).</summary>
    public double LabelShare { get; init; }

    /// <summary>
    /// Training collapsed: one label for at least <see cref="CollapseShare"/> of the clean copies although no true label is
    /// that common. A constant classifier flips on no trigger, so its ASR of 0 says nothing about the backdoor (measured:
    /// prefix tuning at high learning rates and trigger-aware adapters at α×1 on MiniLM, bench/results/defense-table.md).
    /// With fewer than <see cref="CollapseMinRows"/> clean rows one label everywhere is too weak a sign, and nothing is claimed.
    /// </summary>
    public bool Collapsed => N >= CollapseMinRows && PredictionShare >= CollapseShare && LabelShare < CollapseShare;

    /// <summary>The prediction share from which a classifier counts as collapsed.</summary>
    public const double CollapseShare = 0.98;

    /// <summary>The fewest clean rows on which a collapse is called.</summary>
    public const int CollapseMinRows = 100;

    /// <summary>False when no clean sample was classified correctly or the classifier collapsed: the attack metrics then mean nothing.</summary>
    public bool Conclusive => Correct > 0 && !Collapsed;

    /// <summary>Why the attack metrics mean nothing, or null when they are conclusive.</summary>
    public string? InconclusiveReason => Correct == 0
        ? "no clean sample was classified correctly, so no attack metric could be measured"
        : Collapsed
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"training collapsed: the classifier gives one label to {PredictionShare * 100:F1}% of the clean rows, so no trigger can flip it and ASR 0 means nothing (try a lower --lr; docs/defend.md)")
            : null;
}
