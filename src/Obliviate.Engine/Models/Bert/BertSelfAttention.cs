using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// <c>attention.self</c>: multi-head scaled dot-product attention with Hugging Face's <c>query</c>/<c>key</c>/<c>value</c> names.
/// </summary>
/// <remarks>
/// <c>[B,T,H]</c> hidden + additive mask <c>[B,1,1,P+T]</c> → context <c>[B,T,H]</c>.
/// PEFT seams: <see cref="GetProjection"/>/<see cref="ReplaceProjection"/> swap a projection for a wrapper (LoRA wraps
/// <c>query</c>/<c>value</c> and registers the original as its <c>base_layer</c>, so keys become PEFT keys); a
/// <see cref="PrefixKeyValue"/> is prepended to the projected keys/values (prefix-tuning, docs/method.md §2).
/// Without dropout (inference) the fused <c>scaled_dot_product_attention</c> kernel is used. With attention dropout in
/// training, libtorch's CPU kernel falls back to a slower generic path, so scores are formed explicitly
/// (matmul → softmax → dropout → matmul): 31–37 ms faster per MiniLM LoRA step and 146 ms per full fine-tuning step
/// (bench/speed). Probabilities, when asked for, also need the explicit path.
/// </remarks>
public sealed class BertSelfAttention : nn.Module
{
    private nn.Module<Tensor, Tensor> query;
    private nn.Module<Tensor, Tensor> key;
    private nn.Module<Tensor, Tensor> value;
    private readonly int heads;
    private readonly int headDim;
    private readonly double dropoutProb;

    public BertSelfAttention(EncoderConfig config, Device? device = null) : base(nameof(BertSelfAttention))
    {
        ArgumentNullException.ThrowIfNull(config);
        heads = config.NumAttentionHeads;
        headDim = config.HeadDim;
        dropoutProb = config.AttentionProbsDropoutProb;
        query = nn.Linear(config.HiddenSize, config.HiddenSize, device: device);
        key = nn.Linear(config.HiddenSize, config.HiddenSize, device: device);
        value = nn.Linear(config.HiddenSize, config.HiddenSize, device: device);
        RegisterComponents();
    }

    public int Heads => heads;
    public int HeadDim => headDim;

    /// <summary>The current <c>query</c>, <c>key</c> or <c>value</c> projection (a Linear unless a PEFT method wrapped it).</summary>
    public nn.Module<Tensor, Tensor> GetProjection(string name) => name switch
    {
        "query" => query,
        "key" => key,
        "value" => value,
        _ => throw new ArgumentException($"'{name}' is not a projection of self-attention (query, key, value).", nameof(name)),
    };

    /// <summary>Replaces a projection and re-registers it under the same key segment (PEFT injection, e.g. LoRA).</summary>
    public void ReplaceProjection(string name, nn.Module<Tensor, Tensor> replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        _ = GetProjection(name);
        // register_module(name, null) removes the old registration; re-adding under the same name keeps the key prefix.
        register_module(name, null!);
        register_module(name, replacement);
        switch (name)
        {
            case "query": query = replacement; break;
            case "key": key = replacement; break;
            default: value = replacement; break;
        }
    }

    /// <param name="firstTokenOnly">Only the first token queries: keys and values come from every token, the context is
    /// <c>[B,1,H]</c> (<see cref="EncoderInput.FirstTokenOnly"/>).</param>
    public AttentionResult forward(Tensor hidden, Tensor? additiveMask, PrefixKeyValue? prefix, bool wantProbs, bool wantScores,
        bool firstTokenOnly = false)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        using var scope = torch.NewDisposeScope();
        var batch = hidden.shape[0];
        var tokens = hidden.shape[1];
        var queryTokens = firstTokenOnly ? 1 : tokens;
        var q = SplitHeads(query.forward(firstTokenOnly ? FirstRow(hidden) : hidden), batch, queryTokens);
        var k = SplitHeads(key.forward(hidden), batch, tokens);
        var v = SplitHeads(value.forward(hidden), batch, tokens);
        if (prefix is not null)
        {
            k = torch.cat([prefix.Key, k], 2);
            v = torch.cat([prefix.Value, v], 2);
        }

        var scale = 1.0 / Math.Sqrt(headDim);
        Tensor? firstScores = null;
        if (wantScores)
        {
            // Q₀·Kᵀ/√d for the first token's query only ([B,h,1,d]·[B,h,d,P+T]), before the mask (docs/method.md §3.2).
            firstScores = q.narrow(2, 0, 1).matmul(k.transpose(-1, -2)).squeeze(2) * scale;
        }

        Tensor context;
        Tensor? probs = null;
        if (wantProbs || (training && dropoutProb > 0))
        {
            var scores = q.matmul(k.transpose(-1, -2)) * scale;
            if (additiveMask is not null) scores = scores + additiveMask;
            var softmax = scores.softmax(-1);
            context = MaskDropout.Apply(softmax, dropoutProb, training).matmul(v);
            if (wantProbs) probs = softmax;
        }
        else
        {
            context = nn.functional.scaled_dot_product_attention(q, k, v, additiveMask, 0.0);
        }

        var merged = context.transpose(1, 2).reshape(batch, queryTokens, heads * headDim);
        var result = new AttentionResult(merged, probs, firstScores);
        merged.MoveToOuterDisposeScope();
        probs?.MoveToOuterDisposeScope();
        firstScores?.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>
    /// The first token's rows <c>[B,1,H]</c> as a contiguous copy. With the strided view, a LoRA classifier and the same
    /// classifier saved and loaded again gave logits that differed in the last bit (PeftContractTests); the copy costs
    /// B·H floats and makes every path hand the matrix kernels the same layout.
    /// </summary>
    internal static Tensor FirstRow(Tensor hidden) => hidden.narrow(1, 0, 1).contiguous();

    private Tensor SplitHeads(Tensor x, long batch, long tokens) => x.view(batch, tokens, heads, headDim).transpose(1, 2);
}
