using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Peft.Adapter;

/// <summary>
/// One Houlsby bottleneck adapter, named as AdapterHub names it: <c>adapter_down</c> = Sequential(Linear(H→m), SiLU) and
/// <c>adapter_up</c> = Linear(m→H).
/// </summary>
/// <remarks>
/// <c>[B,T,H]</c> → <c>[B,T,H]</c>: a = W_up·SiLU(W_down·h + b_down) + b_up + h (the adapter's own residual, docs/method.md §2); the
/// block then applies its frozen residual + LayerNorm.
/// </remarks>
public sealed class AdapterLayer : nn.Module<Tensor, Tensor>
{
    private readonly Sequential adapter_down;
    private readonly Linear adapter_up;

    public AdapterLayer(int hidden, AdapterConfig config, Generator generator, Device? device = null) : base(nameof(AdapterLayer))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var bottleneck = config.Bottleneck(hidden);
        var down = nn.Linear(hidden, bottleneck, device: device);
        adapter_down = nn.Sequential(("0", (nn.Module<Tensor, Tensor>)down), ("1", nn.SiLU()));
        adapter_up = nn.Linear(bottleneck, hidden, device: device);
        using (torch.no_grad())
        {
            down.weight!.normal_(0, config.InitStd, generator);
            down.bias!.zero_();
            adapter_up.weight!.normal_(0, config.InitStd, generator);
            adapter_up.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        return (adapter_up.forward(adapter_down.forward(input)) + input).MoveToOuterDisposeScope();
    }
}
