using Obliviate.Engine.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Peft.Lora;

/// <summary>
/// A LoRA-wrapped Linear, named as Hugging Face peft names it: <c>base_layer</c> (the frozen original), <c>lora_A</c>
/// <c>[r,in]</c> and <c>lora_B</c> <c>[out,r]</c>, so the wrapper's keys are peft's keys without the adapter name.
/// </summary>
/// <remarks>
/// <c>[…,in]</c> → <c>[…,out]</c>: y = W·x + b + (x·Aᵀ·Bᵀ)·alpha/r (LoRA-internal dropout 0, docs/method.md §2).
/// With the defense the whole projection output goes through Dropout(0.01), the reference's change to <c>lora.py</c>.
/// Init: A ~ kaiming_uniform(a=√5) = U(±1/√in), B = 0, so at init the layer equals its base.
/// </remarks>
public sealed class LoraLayer : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> base_layer;
    private readonly Linear lora_A;
    private readonly Linear lora_B;
    private readonly double scaling;

    public LoraLayer(nn.Module<Tensor, Tensor> baseLayer, long inFeatures, long outFeatures, LoraConfig config, Generator generator,
        double defenseDropout, Device? device = null) : base(nameof(LoraLayer))
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        base_layer = baseLayer;
        lora_A = nn.Linear(inFeatures, config.Rank, hasBias: false, device: device);
        lora_B = nn.Linear(config.Rank, outFeatures, hasBias: false, device: device);
        scaling = config.Scaling;
        DefenseDropout = defenseDropout;
        using (torch.no_grad())
        {
            // kaiming_uniform_(a=√5): gain √(2/(1+5)), bound gain·√(3/fan_in) = 1/√fan_in.
            var bound = 1.0 / Math.Sqrt(inFeatures);
            lora_A.weight!.uniform_(-bound, bound, generator);
            lora_B.weight!.zero_();
        }
        RegisterComponents();
    }

    /// <summary>The defense dropout probability on the output (0 disables it).</summary>
    public double DefenseDropout { get; set; }

    public Parameter A => lora_A.weight!;
    public Parameter B => lora_B.weight!;

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var y = base_layer.forward(input) + lora_B.forward(lora_A.forward(input)) * scaling;
        if (DefenseDropout > 0) y = MaskDropout.Apply(y, DefenseDropout, training);
        return y.MoveToOuterDisposeScope();
    }
}
