using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>pooler</c>: tanh(dense(h₀)) on the first token's last hidden state.</summary>
/// <remarks><c>[B,T,H]</c> → <c>[B,H]</c>.</remarks>
public sealed class BertPooler : nn.Module
{
    private readonly Linear dense;

    public BertPooler(EncoderConfig config, Device? device = null) : base(nameof(BertPooler))
    {
        ArgumentNullException.ThrowIfNull(config);
        dense = nn.Linear(config.HiddenSize, config.HiddenSize, device: device);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden)
    {
        using var scope = torch.NewDisposeScope();
        return dense.forward(hidden.select(1, 0)).tanh().MoveToOuterDisposeScope();
    }
}
