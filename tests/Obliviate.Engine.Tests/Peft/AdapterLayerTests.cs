using Obliviate.Engine.Peft;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Peft;

public class AdapterLayerTests
{
    [Fact]
    public void Houlsby_adapters_sit_at_both_sites_with_bert_init()
    {
        using var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Adapter));
        var keys = model.Peft.Trainable.Select(p => p.Key).ToList();
        Assert.Contains("encoder.layer.0.attention.output.adapters.adapter_down.0.weight", keys);
        Assert.Contains("encoder.layer.1.output.adapters.adapter_up.weight", keys);
        var down = model.Peft.Trainable.First(p => p.Key.EndsWith("adapter_down.0.weight", StringComparison.Ordinal)).Value;
        var up = model.Peft.Trainable.First(p => p.Key.EndsWith("adapter_up.weight", StringComparison.Ordinal)).Value;
        Assert.Equal(new long[] { 2, 32 }, down.shape); // reduction factor 16 → bottleneck 32/16 = 2
        Assert.Equal(new long[] { 32, 2 }, up.shape);
        // N(0, 0.02) for both linears; the up-projection is not zero (docs/method.md §2).
        Assert.True(up.abs().sum().item<float>() > 0);
        Assert.InRange(up.std().item<float>(), 0.005, 0.05);
        var upBias = model.Peft.Trainable.First(p => p.Key.EndsWith("adapter_up.bias", StringComparison.Ordinal)).Value;
        Assert.Equal(0f, upBias.abs().sum().item<float>());
    }

    [Fact]
    public void The_adapter_adds_its_own_residual()
    {
        var config = new Obliviate.Engine.Peft.Adapter.AdapterConfig { ReductionFactor = 4 };
        using var generator = new Generator(4);
        using var adapter = new Obliviate.Engine.Peft.Adapter.AdapterLayer(8, config, generator);
        using var noGrad = torch.no_grad();
        using var h = torch.ones(1, 8);
        var p = adapter.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        using var expected = nn.functional.silu(h.matmul(p["adapter_down.0.weight"].t()) + p["adapter_down.0.bias"])
            .matmul(p["adapter_up.weight"].t()) + p["adapter_up.bias"] + h;
        using var actual = adapter.forward(h);
        Assert.True((expected - actual).abs().max().item<float>() < 1e-6);
    }
}
