using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The defenses <c>defend</c> offers by name, each a preset of <see cref="DefenseSettings"/>: <c>none</c> (plain PEFT),
/// <c>obliviate</c> (as published) and <c>trigger-aware</c> (Obliviate plus the probe-guided consistency term,
/// docs/defend.md). The default, per PEFT method, is the one that wins the defense table (bench/results/defense-table.md):
/// trigger-aware for LoRA; obliviate for adapters, where trigger-aware at the table's setting collapsed the classifier
/// to a constant prediction. Prefix tuning has no measured winner yet and takes trigger-aware.
/// </summary>
public static class DefenseMethods
{
    public static DefenseSettings None { get; } = new() { Enabled = false };

    public static DefenseSettings Obliviate { get; } = new();

    public static DefenseSettings TriggerAware { get; } = new() { ConsistencyWeight = 1.0, FeatureWeight = 1.0 };

    public static IReadOnlyList<string> Names { get; } = ["trigger-aware", "obliviate", "none"];

    /// <summary>The default defense for a PEFT method name (lora, adapter, prefix).</summary>
    public static string DefaultFor(string peft) => peft == "adapter" ? "obliviate" : "trigger-aware";

    /// <summary>The help text that states the defaults.</summary>
    public const string DefaultHelp = "default: trigger-aware for lora and prefix, obliviate for adapter (docs/defend.md)";

    /// <summary>The named preset with any weight the user gave instead of its default.</summary>
    public static DefenseSettings Settings(string name, double? alphaAmp = null, double? alphaAttn = null, double? consistency = null, double? feature = null)
    {
        var preset = name switch
        {
            "none" => None,
            "obliviate" => Obliviate,
            "trigger-aware" => TriggerAware,
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
