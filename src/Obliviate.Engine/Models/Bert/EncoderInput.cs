using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// What one encoder forward needs: token ids, an optional 0/1 attention mask and token types, what to return besides the
/// last hidden state, and optional per-layer prefix keys/values (prefix-tuning).
/// </summary>
/// <remarks>
/// Shapes: <see cref="InputIds"/>, <see cref="AttentionMask"/>, <see cref="TokenTypeIds"/> are <c>[B,T]</c> int64 on the
/// model's device. A null mask means every position is a real token; null token types mean all zeros (as Hugging Face does).
/// </remarks>
public sealed record EncoderInput
{
    public required Tensor InputIds { get; init; }

    /// <summary>1 for real tokens, 0 for padding; <c>[B,T]</c>.</summary>
    public Tensor? AttentionMask { get; init; }

    public Tensor? TokenTypeIds { get; init; }

    /// <summary>Return the softmax attention probabilities of every layer (<c>[B,heads,T,P+T]</c> each).</summary>
    public bool OutputAttentions { get; init; }

    /// <summary>
    /// Return, per layer, the pre-softmax scaled scores of the first token's query row, Q₀·Kᵀ/√d, <c>[B,heads,P+T]</c>,
    /// before the additive mask is added: the defense's L_attn (docs/method.md §3.2) zeroes the padding columns itself, which avoids
    /// multiplying finfo.min by 0.
    /// </summary>
    public bool OutputFirstTokenScores { get; init; }

    /// <summary>
    /// Word embeddings to use instead of looking <see cref="InputIds"/> up, <c>[B,T,H]</c> (Hugging Face's <c>inputs_embeds</c>):
    /// lets the trigger probe take gradients with respect to one position's embedding. Positions and token types still come
    /// from the ids.
    /// </summary>
    public Tensor? WordEmbeddings { get; init; }

    /// <summary>
    /// Compute the last layer for the first token only, so <see cref="EncoderOutput.LastHiddenState"/> is <c>[B,1,H]</c>: its
    /// keys and values still come from every token, but its query, attention output and feed-forward run on one row instead
    /// of T (about a sixth of a 6-layer encoder's work at 64 tokens, bench/README.md). Exactly the full forward's first row,
    /// for callers that read nothing else: classification heads, first-token targets, the probe. Not with
    /// <see cref="OutputAttentions"/> (the last layer has no other query rows).
    /// </summary>
    public bool FirstTokenOnly { get; init; }

    /// <summary>Per-layer prefix keys/values prepended inside self-attention (prefix-tuning); null for none.</summary>
    public IReadOnlyList<PrefixKeyValue>? Prefix { get; init; }

    /// <summary>Builds an input on <paramref name="device"/> from a tokenised batch (plain row-major int64 arrays).</summary>
    public static EncoderInput FromBatch(Tokenization.TokenBatch batch, Device? device = null,
        bool outputAttentions = false, bool outputFirstTokenScores = false, bool firstTokenOnly = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var shape = new long[] { batch.BatchSize, batch.SequenceLength };
        return new EncoderInput
        {
            InputIds = torch.tensor(batch.InputIds, shape, device: device),
            AttentionMask = torch.tensor(batch.AttentionMask, shape, device: device),
            TokenTypeIds = torch.tensor(batch.TokenTypeIds, shape, device: device),
            OutputAttentions = outputAttentions,
            OutputFirstTokenScores = outputFirstTokenScores,
            FirstTokenOnly = firstTokenOnly,
        };
    }
}
