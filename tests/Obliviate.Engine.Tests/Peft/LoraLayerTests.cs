using Obliviate.Engine.Peft;
using Obliviate.Engine.Peft.Lora;
using Obliviate.Engine.Tests.Models.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Peft;

public class LoraLayerTests
{
    [Fact]
    public void Lora_at_init_leaves_the_encoder_output_unchanged()
    {
        var config = TinyPeftWorld.Config;
        using var plain = TinyPeftWorld.CreateEncoder();
        using var wrapped = TinyPeftWorld.CreateEncoder();
        using var generator = new Generator(1);
        var peft = PeftRegistry.Get(PeftMethod.Lora).Inject(wrapped, new PeftInjectionOptions(generator, 0.0));
        Assert.Equal(2 * config.NumHiddenLayers * 2, peft.Trainable.Count);
        using var scope = torch.NewDisposeScope();
        var input = TinyModels.Input(config);
        using var noGrad = torch.no_grad();
        var expected = plain.forward(input).LastHiddenState;
        var actual = wrapped.forward(input).LastHiddenState;
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Fact]
    public void A_is_kaiming_uniform_and_B_is_zero_with_peft_key_names()
    {
        using var encoder = TinyPeftWorld.CreateEncoder();
        using var generator = new Generator(1);
        var peft = LoraInjector.Inject(encoder, new LoraConfig { TargetModules = ["query"] }, new PeftInjectionOptions(generator, 0));
        var keys = encoder.state_dict().Keys.Where(k => k.Contains("layer.0.attention.self.query", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(
        [
            "encoder.layer.0.attention.self.query.base_layer.bias",
            "encoder.layer.0.attention.self.query.base_layer.weight",
            "encoder.layer.0.attention.self.query.lora_A.weight",
            "encoder.layer.0.attention.self.query.lora_B.weight",
        ], keys);
        var a = peft.Trainable.First(p => p.Key.EndsWith("lora_A.weight", StringComparison.Ordinal)).Value;
        var b = peft.Trainable.First(p => p.Key.EndsWith("lora_B.weight", StringComparison.Ordinal)).Value;
        Assert.Equal(new long[] { 16, 32 }, a.shape);
        Assert.Equal(new long[] { 32, 16 }, b.shape);
        var bound = 1.0 / Math.Sqrt(32);
        Assert.True(a.abs().max().item<float>() <= bound);
        Assert.True(a.abs().max().item<float>() > bound / 2);
        Assert.Equal(0f, b.abs().sum().item<float>());
    }

    [Fact]
    public void Update_is_scaled_by_alpha_over_r()
    {
        using var linear = nn.Linear(4, 3);
        using var generator = new Generator(2);
        using var lora = new LoraLayer(linear, 4, 3, new LoraConfig { Rank = 2, Alpha = 8 }, generator, 0.0);
        using (torch.no_grad()) lora.B.fill_(1.0);
        using var x = torch.ones(1, 4);
        using var noGrad = torch.no_grad();
        using var expected = linear.forward(x) + x.matmul(lora.A.t()).matmul(lora.B.t()) * 4.0;
        using var actual = lora.forward(x);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(expected, actual), 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Bad_rank_is_refused(int rank) => Assert.Throws<ArgumentException>(() => new LoraConfig { Rank = rank }.Validate());

    [Fact]
    public void Unknown_target_is_refused() =>
        Assert.Throws<ArgumentException>(() => new LoraConfig { TargetModules = ["dense"] }.Validate());
}
