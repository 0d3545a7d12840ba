using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>intermediate</c>: dense H→I followed by the configured activation (exact erf GELU for BERT/RoBERTa).</summary>
/// <remarks><c>[B,T,H]</c> → <c>[B,T,I]</c>.</remarks>
public sealed class BertIntermediate : nn.Module
{
    private readonly Linear dense;
    private readonly Func<Tensor, Tensor> activation;

    public BertIntermediate(EncoderConfig config, Device? device = null) : base(nameof(BertIntermediate))
    {
        ArgumentNullException.ThrowIfNull(config);
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize, device: device);
        activation = BertActivation.For(config.HiddenAct);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden)
    {
        using var scope = torch.NewDisposeScope();
        return activation(dense.forward(hidden)).MoveToOuterDisposeScope();
    }
}
