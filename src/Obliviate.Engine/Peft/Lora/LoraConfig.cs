using System.Text.Json.Serialization;

namespace Obliviate.Engine.Peft.Lora;

/// <summary>LoRA settings (docs/method.md §2: AdapterHub LoRAConfig as the reference uses it).</summary>
public sealed record LoraConfig
{
    /// <summary>Rank r of the update ΔW = B·A (reference: 16).</summary>
    [JsonPropertyName("r")] public int Rank { get; init; } = 16;

    /// <summary>lora_alpha; the update is scaled by alpha / r (reference: 16, so scaling 1.0).</summary>
    [JsonPropertyName("lora_alpha")] public double Alpha { get; init; } = 16;

    /// <summary>Self-attention projections to wrap (reference: query and value only).</summary>
    [JsonPropertyName("target_modules")] public IReadOnlyList<string> TargetModules { get; init; } = ["query", "value"];

    [JsonIgnore] public double Scaling => Alpha / Rank;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public LoraConfig Validate()
    {
        if (Rank < 1) throw new ArgumentException($"LoRA rank must be positive (got {Rank}).");
        if (!(Alpha > 0) || !double.IsFinite(Alpha)) throw new ArgumentException($"lora_alpha must be positive (got {Alpha}).");
        if (TargetModules.Count == 0) throw new ArgumentException("LoRA needs at least one target module.");
        foreach (var t in TargetModules)
        {
            if (t is not ("query" or "key" or "value"))
                throw new ArgumentException($"LoRA target '{t}' is not a self-attention projection (query, key, value).");
        }
        if (TargetModules.Distinct(StringComparer.Ordinal).Count() != TargetModules.Count)
            throw new ArgumentException("LoRA target modules are listed twice.");
        return this;
    }
}
