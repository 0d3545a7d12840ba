using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The defenses <c>defend</c> offers by name, each a preset of <see cref="DefenseSettings"/>: <c>none</c> (plain PEFT),
/// <c>obliviate</c> (as published) and <c>trigger-aware</c> (Obliviate plus the probe-guided consistency term,
/// docs/defend.md). The default is the one that wins the defense table (bench/results/defense-table.md): trigger-aware, on
/// LoRA and on adapters (there without the feature term, <see cref="TriggerAwareForAdapters"/>). Prefix tuning has no
/// measured winner yet and takes it too.
/// </summary>
public static class DefenseMethods
{
    public static DefenseSettings None { get; } = new() { Enabled = false };

    public static DefenseSettings Obliviate { get; } = new();

    public static DefenseSettings TriggerAware { get; } = new() { ConsistencyWeight = 1.0, FeatureWeight = 1.0 };

    /// <summary>
    /// Trigger-aware for adapters: the prediction term only (γ = 0). With the feature term the adapters collapsed the encoder to
    /// a constant first-token output, which satisfies that term trivially (dev CACC 51.2 against 85.4 without it, the defense
    /// table's calibration, docs/defend.md).
    /// </summary>
    public static DefenseSettings TriggerAwareForAdapters { get; } = TriggerAware with { FeatureWeight = 0 };

    public static IReadOnlyList<string> Names { get; } = ["trigger-aware", "obliviate", "none"];

    /// <summary>The default defense, for every PEFT method.</summary>
    public const string Default = "trigger-aware";

    /// <summary>The named preset for a PEFT method with any weight the user gave instead of its default.</summary>
    public static DefenseSettings Settings(string name, PeftMethod peft, double? alphaAmp = null, double? alphaAttn = null, double? consistency = null,
        double? feature = null)
    {
        var preset = name switch
        {
            "none" => None,
            "obliviate" => Obliviate,
            "trigger-aware" => peft == PeftMethod.Adapter ? TriggerAwareForAdapters : TriggerAware,
            _ => throw new RequestException($"--defense must be {string.Join(", ", Names)} (got '{name}')."),
        };
        if (name != "trigger-aware" && (consistency is not null || feature is not null))
            throw new RequestException("--consistency-weight and --feature-weight belong to --defense trigger-aware.");
        return preset with
        {
            AlphaAmp = alphaAmp ?? preset.AlphaAmp,
            AlphaAttn = alphaAttn ?? preset.AlphaAttn,
            ConsistencyWeight = consistency ?? preset.ConsistencyWeight,
            FeatureWeight = feature ?? preset.FeatureWeight,
        };
    }
}
