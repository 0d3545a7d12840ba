using System.Text.Json.Serialization;

namespace Obliviate.Engine.Peft.Adapter;

/// <summary>
/// Houlsby bottleneck adapters (AdapterHub <c>HoulsbyConfig</c> defaults, docs/method.md §2): one adapter after the attention-output dense
/// layer (<c>mh_adapter</c>) and one after the FFN output dense layer (<c>output_adapter</c>) of every block.
/// </summary>
public sealed record AdapterConfig
{
    /// <summary>The adapter's name in saved keys (<c>….adapters.&lt;name&gt;.adapter_down.0.weight</c>).</summary>
    [JsonIgnore] public string Name { get; init; } = "obliviate";

    /// <summary>hidden / bottleneck (reference: 16, so 48 for H=768 and 24 for MiniLM's 384).</summary>
    [JsonPropertyName("reduction_factor")] public int ReductionFactor { get; init; } = 16;

    /// <summary>The bottleneck non-linearity: AdapterHub's "swish", i.e. SiLU.</summary>
    [JsonPropertyName("non_linearity")] public string NonLinearity { get; init; } = "swish";

    [JsonPropertyName("mh_adapter")] public bool MhAdapter { get; init; } = true;

    [JsonPropertyName("output_adapter")] public bool OutputAdapter { get; init; } = true;

    /// <summary>AdapterHub's "bert" init: both linears ~ N(0, 0.02), biases 0 (the up-projection is not zero-initialised).</summary>
    [JsonPropertyName("init_weights")] public string InitWeights { get; init; } = "bert";

    [JsonIgnore] public double InitStd { get; init; } = 0.02;

    public int Bottleneck(int hidden) => Math.Max(1, hidden / ReductionFactor);

    public AdapterConfig Validate()
    {
        if (ReductionFactor < 1) throw new ArgumentException($"adapter reduction factor must be positive (got {ReductionFactor}).");
        if (NonLinearity is not ("swish" or "silu"))
            throw new ArgumentException($"adapter non-linearity '{NonLinearity}' is not supported (swish).");
        if (!MhAdapter && !OutputAdapter) throw new ArgumentException("an adapter config needs at least one site.");
        if (string.IsNullOrWhiteSpace(Name) || Name.Contains('.', StringComparison.Ordinal))
            throw new ArgumentException($"adapter name '{Name}' must be non-empty without dots.");
        return this;
    }
}
