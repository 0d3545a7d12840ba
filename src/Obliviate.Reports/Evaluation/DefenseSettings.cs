using Obliviate.Reports.Model;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// The defense's settings. Obliviate as published (docs/method.md §3): L = CE + α_amp·L_amp + α_attn·L_attn, plus the defense
/// dropout on the PEFT outputs, with the released weights α_amp = 3e-3, α_attn = 3e-2, dropout 0.01. The trigger-aware
/// method (docs/defend.md) adds a consistency term on rows with the trigger probe's candidates or random word starts
/// inserted: β·KL(p_clean ‖ p_perturbed) + γ·‖h_perturbed − h_clean‖² / ‖h_clean‖².
/// </summary>
public sealed record DefenseSettings
{
    public bool Enabled { get; init; } = true;
    public double AlphaAmp { get; init; } = 3e-3;
    public double AlphaAttn { get; init; } = 3e-2;
    public double Dropout { get; init; } = 0.01;

    /// <summary>β: weight of the prediction consistency on perturbed rows; 0 is Obliviate as published.</summary>
    public double ConsistencyWeight { get; init; }

    /// <summary>γ: weight of the first-token feature consistency on perturbed rows.</summary>
    public double FeatureWeight { get; init; }

    /// <summary>The probe's best candidates used as insertions (the rest are random word starts).</summary>
    public int Candidates { get; init; } = 20;

    /// <summary>Fraction of perturbed rows that get a probe candidate rather than a random word start.</summary>
    public double CandidateShare { get; init; } = 0.5;

    /// <summary>True when the consistency term is on.</summary>
    public bool TriggerAware => Enabled && (ConsistencyWeight > 0 || FeatureWeight > 0);

    /// <summary>none, obliviate or trigger-aware.</summary>
    public string Method => !Enabled ? "none" : TriggerAware ? "trigger-aware" : "obliviate";

    /// <summary>Plain PEFT training: CE only, no defense dropout.</summary>
    public static DefenseSettings None { get; } = new() { Enabled = false };

    public DefenseSettings Validate()
    {
        if (!double.IsFinite(AlphaAmp) || AlphaAmp < 0) throw new RequestException($"--alpha-amp must be ≥ 0 (got {AlphaAmp}).");
        if (!double.IsFinite(AlphaAttn) || AlphaAttn < 0) throw new RequestException($"--alpha-attn must be ≥ 0 (got {AlphaAttn}).");
        if (Dropout is < 0 or >= 1) throw new RequestException($"defense dropout must be in [0, 1) (got {Dropout}).");
        if (!double.IsFinite(ConsistencyWeight) || ConsistencyWeight < 0) throw new RequestException($"--consistency-weight must be ≥ 0 (got {ConsistencyWeight}).");
        if (!double.IsFinite(FeatureWeight) || FeatureWeight < 0) throw new RequestException($"--feature-weight must be ≥ 0 (got {FeatureWeight}).");
        if (Candidates is < 1 or > 1000) throw new RequestException($"--trigger-candidates must be in 1..1000 (got {Candidates}).");
        if (CandidateShare is < 0 or > 1) throw new RequestException($"candidate share must be in [0, 1] (got {CandidateShare}).");
        return this;
    }

    /// <summary>The dropout actually applied: <see cref="Dropout"/> with the defense, 0 without.</summary>
    public double EffectiveDropout => Enabled ? Dropout : 0.0;
}
