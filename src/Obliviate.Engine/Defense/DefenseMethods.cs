using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The defenses <c>defend</c> offers by name, each a preset of <see cref="DefenseSettings"/>: <c>none</c> (plain PEFT),
/// <c>obliviate</c> (as published) and <c>trigger-aware</c> (Obliviate plus the probe-guided consistency term,
/// docs/defend.md). The default is the one that wins the defense table (bench/results/defense-table.md): trigger-aware, on
/// LoRA and on adapters (there without the feature term, <see cref="TriggerAwareForAdapters"/>). Prefix tuning takes the
/// weights its calibration on the table's dev split chose (<see cref="ObliviateForPrefix"/>, <see cref="TriggerAwareForPrefix"/>).
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

    /// <summary>
    /// Obliviate as published for prefix tuning, at 0.3 × the spec's α: at the spec's α the prefix MLP collapsed to one label on
    /// the defense table's dev split (CACC 51.2 at lr 1e-3 and 2e-3); at 0.3 × it trained (dev CACC 85.5, ASR 16.5), and at
    /// 0.1 × the backdoor stayed (ASR 66.8; plain prefix tuning 45.9). docs/defend.md.
    /// </summary>
    public static DefenseSettings ObliviateForPrefix { get; } = Obliviate with { AlphaAmp = 9e-4, AlphaAttn = 9e-3 };

    /// <summary>
    /// Trigger-aware for prefix tuning: the prediction-level consistency term alone, without L_amp, L_attn (α = 0) and the
    /// feature term. On the defense table's dev split it scored CACC 86.4, ASR 2.3 against 86.6, 2.9 with α at 0.1 × the
    /// spec's; the published terms at 0.3 × gave 85.5, 16.5 (docs/defend.md).
    /// </summary>
    public static DefenseSettings TriggerAwareForPrefix { get; } = TriggerAware with { AlphaAmp = 0, AlphaAttn = 0, FeatureWeight = 0 };

    public static IReadOnlyList<string> Names { get; } = ["trigger-aware", "obliviate", "none"];

    /// <summary>The default defense, for every PEFT method.</summary>
    public const string Default = "trigger-aware";

    /// <summary>The named preset for a PEFT method with any weight the user gave instead of its default.</summary>
    public static DefenseSettings Settings(string name, PeftMethod peft, double? alphaAmp = null, double? alphaAttn = null, double? consistency = null,
        double? feature = null)
    {
        var preset = (name, peft) switch
        {
            ("none", _) => None,
            ("obliviate", PeftMethod.Prefix) => ObliviateForPrefix,
            ("obliviate", _) => Obliviate,
            ("trigger-aware", PeftMethod.Adapter) => TriggerAwareForAdapters,
            ("trigger-aware", PeftMethod.Prefix) => TriggerAwareForPrefix,
            ("trigger-aware", _) => TriggerAware,
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
