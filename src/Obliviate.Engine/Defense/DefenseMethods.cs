using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The defenses <c>defend</c> offers by name, each a preset of <see cref="DefenseSettings"/>: <c>none</c> (plain PEFT),
/// <c>obliviate</c> (as published) and <c>trigger-aware</c> (the probe-guided consistency term, docs/defend.md). The default
/// is the one that wins the defense table (bench/results/defense-table.md): trigger-aware, with the weights its calibration
/// on the table's dev split chose per PEFT method: the consistency term alone on LoRA and prefix tuning
/// (<see cref="ConsistencyOnly"/>), Obliviate's terms plus the consistency term on adapters (<see cref="TriggerAware"/>).
/// </summary>
public static class DefenseMethods
{
    public static DefenseSettings None { get; } = new() { Enabled = false };

    public static DefenseSettings Obliviate { get; } = new();

    /// <summary>
    /// Trigger-aware for adapters: Obliviate at the spec's α plus the prediction consistency (β = 1), without the feature term
    /// (γ = 0). With the feature term the adapters collapsed the encoder to a constant first-token output, which satisfies that
    /// term trivially (dev CACC 51.2); on dev this setting gave CACC 85.4, ASR 3.1 against 86.3, 3.5 with the consistency
    /// term alone (the table's calibration, docs/defend.md).
    /// </summary>
    public static DefenseSettings TriggerAware { get; } = new() { ConsistencyWeight = 1.0 };

    /// <summary>
    /// Trigger-aware for LoRA and prefix tuning: the prediction consistency alone, without L_amp, L_attn (α = 0) and the feature
    /// term. On the defense table's dev split: LoRA CACC 87.1, ASR 3.0 (with the spec's α and γ = 1: 86.4, 3.0; γ = 0: 87.3,
    /// 4.7); prefix 86.4, 2.3 (α at 0.1 × the spec's: 86.6, 2.9). docs/defend.md.
    /// </summary>
    public static DefenseSettings ConsistencyOnly { get; } = TriggerAware with { AlphaAmp = 0, AlphaAttn = 0 };

    /// <summary>
    /// Obliviate as published for prefix tuning, at 0.3 × the spec's α: at the spec's α the prefix MLP collapsed to one label on
    /// the defense table's dev split (CACC 51.2 at lr 1e-3 and 2e-3); at 0.3 × it trained (dev CACC 85.5, ASR 16.5), and at
    /// 0.1 × the backdoor stayed (ASR 66.8; plain prefix tuning 45.9). docs/defend.md.
    /// </summary>
    public static DefenseSettings ObliviateForPrefix { get; } = Obliviate with { AlphaAmp = 9e-4, AlphaAttn = 9e-3 };

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
            ("trigger-aware", PeftMethod.Adapter) => TriggerAware,
            ("trigger-aware", _) => ConsistencyOnly,
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
