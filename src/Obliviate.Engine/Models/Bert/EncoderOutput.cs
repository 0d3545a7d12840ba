using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// The result of one encoder forward. Tensors belong to the caller's dispose scope.
/// </summary>
/// <remarks>
/// <see cref="LastHiddenState"/> <c>[B,T,H]</c>; <see cref="PoolerOutput"/> <c>[B,H]</c> (tanh(dense(h₀))), null when the
/// checkpoint has no pooler; <see cref="Attentions"/> per layer <c>[B,heads,T,P+T]</c>; <see cref="FirstTokenScores"/> per layer
/// <c>[B,heads,P+T]</c>. The lists are null unless asked for in <see cref="EncoderInput"/>.
/// </remarks>
public sealed record EncoderOutput
{
    public required Tensor LastHiddenState { get; init; }
    public Tensor? PoolerOutput { get; init; }
    public IReadOnlyList<Tensor>? Attentions { get; init; }
    public IReadOnlyList<Tensor>? FirstTokenScores { get; init; }
}
