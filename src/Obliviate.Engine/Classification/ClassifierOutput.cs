using static TorchSharp.torch;

namespace Obliviate.Engine.Classification;

/// <summary>
/// One classifier forward: logits <c>[B,C]</c>; per-layer first-token scores <c>[B,heads,P+T]</c> (null unless asked);
/// the 0/1 attention mask <c>[B,T]</c>; and P, the number of prefix columns in front of the scores.
/// </summary>
public sealed record ClassifierOutput(Tensor Logits, IReadOnlyList<Tensor>? FirstTokenScores, Tensor AttentionMask, int PrefixLength);
