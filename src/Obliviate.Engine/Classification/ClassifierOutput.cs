using static TorchSharp.torch;

namespace Obliviate.Engine.Classification;

/// <summary>
/// One classifier forward: logits <c>[B,C]</c>; per-layer first-token scores <c>[B,heads,P+T]</c> (null unless asked);
/// the 0/1 attention mask <c>[B,T]</c>; P, the number of prefix columns in front of the scores; and the first token's
/// last hidden state <c>[B,H]</c>, the feature the head reads.
/// </summary>
public sealed record ClassifierOutput(Tensor Logits, IReadOnlyList<Tensor>? FirstTokenScores, Tensor AttentionMask, int PrefixLength, Tensor FirstToken);
