using System.Text.Json.Serialization;

namespace Obliviate.Engine.Peft.Prefix;

/// <summary>Prefix-tuning settings (AdapterHub <c>PrefixTuningConfig</c> as the reference uses it, docs/method.md §2).</summary>
public sealed record PrefixConfig
{
    /// <summary>P, the number of virtual tokens (peft's <c>num_virtual_tokens</c>; reference 30).</summary>
    [JsonPropertyName("num_virtual_tokens")] public int PrefixLength { get; init; } = 30;

    /// <summary>The MLP bottleneck between the prefix embedding and the per-layer keys/values (reference 256).</summary>
    [JsonPropertyName("encoder_hidden_size")] public int BottleneckSize { get; init; } = 256;

    /// <summary>The MLP non-linearity (reference tanh).</summary>
    [JsonIgnore] public string NonLinearity { get; init; } = "tanh";

    public PrefixConfig Validate()
    {
        if (PrefixLength is < 1 or > 512) throw new ArgumentException($"prefix length must be in 1..512 (got {PrefixLength}).");
        if (BottleneckSize < 1) throw new ArgumentException($"prefix bottleneck must be positive (got {BottleneckSize}).");
        if (NonLinearity != "tanh") throw new ArgumentException($"prefix non-linearity '{NonLinearity}' is not supported (tanh).");
        return this;
    }
}
