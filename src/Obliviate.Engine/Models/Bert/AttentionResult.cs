using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// One attention block's results: the new hidden state <c>[B,T,H]</c> and, when asked, the softmax probabilities
/// <c>[B,heads,T,P+T]</c> and the first-token query scores <c>[B,heads,P+T]</c>.
/// </summary>
public sealed record AttentionResult(Tensor Hidden, Tensor? Probabilities, Tensor? FirstTokenScores);
