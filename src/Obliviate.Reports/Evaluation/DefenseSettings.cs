using Obliviate.Reports.Model;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// The Obliviate objective's weights (docs/method.md §3): L = CE + α_amp·L_amp + α_attn·L_attn, plus the defense dropout on the PEFT
/// outputs. Defaults are the reference README's (adapter, SST-2): α_amp = 3e-3, α_attn = 3e-2, dropout 0.01.
/// </summary>
public sealed record DefenseSettings
{
    public bool Enabled { get; init; } = true;
    public double AlphaAmp { get; init; } = 3e-3;
    public double AlphaAttn { get; init; } = 3e-2;
    public double Dropout { get; init; } = 0.01;

    /// <summary>Plain PEFT training: CE only, no defense dropout.</summary>
    public static DefenseSettings None { get; } = new() { Enabled = false };

    public DefenseSettings Validate()
    {
        if (!double.IsFinite(AlphaAmp) || AlphaAmp < 0) throw new RequestException($"--alpha-amp must be ≥ 0 (got {AlphaAmp}).");
        if (!double.IsFinite(AlphaAttn) || AlphaAttn < 0) throw new RequestException($"--alpha-attn must be ≥ 0 (got {AlphaAttn}).");
        if (Dropout is < 0 or >= 1) throw new RequestException($"defense dropout must be in [0, 1) (got {Dropout}).");
        return this;
    }

    /// <summary>The dropout actually applied: <see cref="Dropout"/> with the defense, 0 without.</summary>
    public double EffectiveDropout => Enabled ? Dropout : 0.0;
}
