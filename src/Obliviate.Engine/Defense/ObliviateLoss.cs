using TorchSharp;
using static TorchSharp.torch;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Defense;

/// <summary>The terms of the Obliviate objective (docs/method.md §3, reference <c>DefenseTrainer.compute_loss</c>).</summary>
public static class ObliviateLoss
{
    /// <summary>
    /// L_amp = −Σ_θ ‖θ‖₂ over the PEFT tensors (head and prefix embedding excluded by the caller): a plain sum of whole-tensor
    /// L2 (Frobenius) norms, no averaging. Its gradient −θ/‖θ‖ pushes every PEFT tensor's norm up at a constant rate, so the
    /// clean-data pathway dominates the frozen (possibly backdoored) one (docs/method.md §3.1). torch's norm has gradient 0 at θ = 0,
    /// so LoRA's zero-initialised B only moves through CE at first.
    /// </summary>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Amplification(IEnumerable<Tensor> peftTensors)
    {
        ArgumentNullException.ThrowIfNull(peftTensors);
        using var scope = torch.NewDisposeScope();
        Tensor? sum = null;
        foreach (var t in peftTensors)
        {
            var norm = t.flatten().norm();
            sum = sum is null ? norm : sum + norm;
        }
        if (sum is null) throw new ArgumentException("L_amp needs at least one PEFT tensor.", nameof(peftTensors));
        return (-sum).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// L_attn = (1/L) Σ_l mean_{b,h} ‖s_{l,b,h,:} ⊙ m_b‖₂ (docs/method.md §3.2), where s_l are the first-token query's pre-softmax
    /// scaled scores Q₀·Kᵀ/√d over all P+T keys and m = [1]·P ⊕ attention mask: padding columns become exactly 0,
    /// prefix columns count. Pushing these logits to 0 flattens [CLS] attention so no single token (a trigger) can capture it.
    /// </summary>
    /// <param name="firstTokenScores">Per layer <c>[B,heads,P+T]</c>, before the additive mask.</param>
    /// <param name="attentionMask">The 0/1 token mask <c>[B,T]</c>.</param>
    /// <param name="prefixLength">P, the prefix columns in front of the token columns (0 without prefix-tuning).</param>
    public static Tensor Attention(IReadOnlyList<Tensor> firstTokenScores, Tensor attentionMask, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(firstTokenScores);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (firstTokenScores.Count == 0) throw new ArgumentException("L_attn needs at least one layer's scores.", nameof(firstTokenScores));
        using var scope = torch.NewDisposeScope();
        var batch = attentionMask.shape[0];
        var mask = attentionMask.to(firstTokenScores[0].dtype);
        if (prefixLength > 0)
            mask = torch.cat([torch.ones(batch, prefixLength, dtype: mask.dtype, device: mask.device), mask], 1);
        var broadcast = mask.unsqueeze(1); // [B,1,P+T], shared by every head
        Tensor? total = null;
        foreach (var s in firstTokenScores)
        {
            if (s.dim() != 3 || s.shape[0] != batch || s.shape[2] != broadcast.shape[2])
            {
                throw new ArgumentException(
                    $"scores [{string.Join(",", s.shape)}] do not match the mask [{batch},{broadcast.shape[2]}] (P={prefixLength}).",
                    nameof(firstTokenScores));
            }
            var layer = (s * broadcast).norm(-1).mean();
            total = total is null ? layer : total + layer;
        }
        return (total! / firstTokenScores.Count).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The trigger-aware consistency terms (docs/defend.md): KL(p_clean ‖ p_perturbed) of the predictions, and the squared
    /// distance of the first-token features relative to the clean feature's squared norm; the clean side is a fixed target
    /// (no gradient), so the perturbed rows are pulled to the clean ones, never the reverse.
    /// </summary>
    public static (Tensor Kl, Tensor Feature) Consistency(Tensor cleanLogits, Tensor perturbedLogits, Tensor cleanFeature, Tensor perturbedFeature)
    {
        ArgumentNullException.ThrowIfNull(cleanLogits);
        ArgumentNullException.ThrowIfNull(perturbedLogits);
        ArgumentNullException.ThrowIfNull(cleanFeature);
        ArgumentNullException.ThrowIfNull(perturbedFeature);
        using var scope = torch.NewDisposeScope();
        var logP = nn.functional.log_softmax(cleanLogits.detach(), 1);
        var kl = (logP.exp() * (logP - nn.functional.log_softmax(perturbedLogits, 1))).sum(1).mean();
        var target = cleanFeature.detach();
        var feature = ((perturbedFeature - target).pow(2).sum(1) / target.pow(2).sum(1).clamp_min(1e-6)).mean();
        return (kl.MoveToOuterDisposeScope(), feature.MoveToOuterDisposeScope());
    }

    /// <summary>CE + α_amp·L_amp + α_attn·L_attn (+ β·KL + γ·feature when trigger-aware), each term kept for logging.</summary>
    public static (Tensor Total, LossTerms Terms) Combine(Tensor crossEntropy, Tensor? amplification, Tensor? attention,
        DefenseSettings settings, Tensor? consistency = null, Tensor? feature = null)
    {
        ArgumentNullException.ThrowIfNull(crossEntropy);
        ArgumentNullException.ThrowIfNull(settings);
        var total = crossEntropy;
        if (settings.Enabled && amplification is not null) total = total + settings.AlphaAmp * amplification;
        if (settings.Enabled && attention is not null) total = total + settings.AlphaAttn * attention;
        if (settings.Enabled && consistency is not null) total = total + settings.ConsistencyWeight * consistency;
        if (settings.Enabled && feature is not null) total = total + settings.FeatureWeight * feature;
        var terms = new LossTerms(
            total.item<float>(), crossEntropy.item<float>(),
            amplification?.item<float>(), attention?.item<float>(), consistency?.item<float>(), feature?.item<float>());
        return (total, terms);
    }
}
