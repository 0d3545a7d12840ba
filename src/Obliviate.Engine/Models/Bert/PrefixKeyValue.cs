using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// Prefix-tuning keys and values for one layer, already projected (they bypass W_k/W_v, docs/method.md §2):
/// <c>[B,heads,P,d_head]</c> each. The attention mask is extended with P attended columns in front.
/// </summary>
public sealed record PrefixKeyValue(Tensor Key, Tensor Value);
