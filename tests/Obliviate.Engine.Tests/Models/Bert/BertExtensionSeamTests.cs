using Obliviate.Engine.Models.Bert;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>The seams later PEFT work plugs into: projection replacement (LoRA), adapters, prefix keys/values.</summary>
public sealed class BertExtensionSeamTests
{
    /// <summary>A LoRA-shaped wrapper: base_layer(x) + B(A(x)), with B zero so it starts as the identity.</summary>
    private sealed class ZeroLowRank : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> base_layer;
        private readonly Linear lora_A;
        private readonly Linear lora_B;

        public ZeroLowRank(nn.Module<Tensor, Tensor> wrapped, int hidden) : base(nameof(ZeroLowRank))
        {
            base_layer = wrapped;
            lora_A = nn.Linear(hidden, 2, hasBias: false);
            lora_B = nn.Linear(2, hidden, hasBias: false);
            using (torch.no_grad()) lora_B.weight!.zero_();
            RegisterComponents();
        }

        public Linear B => lora_B;

        public override Tensor forward(Tensor x) => base_layer.forward(x) + lora_B.forward(lora_A.forward(x));
    }

    /// <summary>A Houlsby-shaped adapter h + up(relu(down(h))) with a settable up-projection.</summary>
    private sealed class Bottleneck : nn.Module<Tensor, Tensor>
    {
        private readonly Linear down;
        private readonly Linear up;

        public Bottleneck(int hidden) : base(nameof(Bottleneck))
        {
            down = nn.Linear(hidden, 3);
            up = nn.Linear(3, hidden);
            using (torch.no_grad())
            {
                up.weight!.zero_();
                up.bias!.zero_();
            }
            RegisterComponents();
        }

        public Linear Up => up;

        public override Tensor forward(Tensor h) => h + up.forward(nn.functional.relu(down.forward(h)));
    }

    [Fact]
    public void A_wrapped_query_projection_gets_peft_style_keys_and_starts_as_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert);
        var before = model.forward(input).LastHiddenState;

        var self = model.Layers[0].Attention.Self;
        var wrapper = new ZeroLowRank(self.GetProjection("query"), 16);
        self.ReplaceProjection("query", wrapper);

        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("encoder.layer.0.attention.self.query.base_layer.weight", keys);
        Assert.Contains("encoder.layer.0.attention.self.query.lora_A.weight", keys);
        Assert.DoesNotContain("encoder.layer.0.attention.self.query.weight", keys);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(before, model.forward(input).LastHiddenState), 6);

        using (torch.no_grad()) wrapper.B.weight!.fill_(0.5);
        Assert.True(TinyModels.MaxAbsDiff(before, model.forward(input).LastHiddenState) > 1e-6);
    }

    [Fact]
    public void Unknown_projection_names_are_rejected()
    {
        using var model = TinyModels.Create(TinyConfigs.Bert);
        Assert.Throws<ArgumentException>(() => model.Layers[0].Attention.Self.GetProjection("dense"));
    }

    [Fact]
    public void Adapters_sit_before_the_residual_and_layer_norm_and_are_registered_under_their_name()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert);
        var before = model.forward(input).LastHiddenState;

        var attentionAdapter = new Bottleneck(16);
        var ffnAdapter = new Bottleneck(16);
        model.Layers[1].Attention.Output.InsertAdapter("adapters", attentionAdapter);
        model.Layers[1].Output.InsertAdapter("adapters", ffnAdapter);

        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("encoder.layer.1.attention.output.adapters.down.weight", keys);
        Assert.Contains("encoder.layer.1.output.adapters.up.bias", keys);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(before, model.forward(input).LastHiddenState), 6);

        // Not a constant: LayerNorm would remove a uniform shift.
        using (torch.no_grad()) ffnAdapter.Up.bias!.copy_(torch.linspace(-1, 1, 16));
        Assert.True(TinyModels.MaxAbsDiff(before, model.forward(input).LastHiddenState) > 1e-3);

        model.Layers[1].Output.RemoveAdapter();
        Assert.DoesNotContain("encoder.layer.1.output.adapters.up.bias", model.state_dict().Keys);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(before, model.forward(input).LastHiddenState), 6);
    }

    [Fact]
    public void Prefix_keys_and_values_extend_attention_and_scores_by_the_prefix_length()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert, attentions: true, scores: true);
        var baseline = model.forward(input);
        using var generator = new Generator(11);
        var prefix = Enumerable.Range(0, 2)
            .Select(_ => new PrefixKeyValue(torch.randn([2, 4, 3, 4], generator: generator), torch.randn([2, 4, 3, 4], generator: generator)))
            .ToList();
        var output = model.forward(input with { Prefix = prefix });

        Assert.Equal([2L, 4, 6, 9], output.Attentions![0].shape);
        Assert.Equal([2L, 4, 9], output.FirstTokenScores![1].shape);
        // Prefix columns are attended (mask 0) even in the padded row; padding columns stay at zero probability.
        Assert.True(output.Attentions[0][1, .., .., ..3].sum().item<float>() > 1e-3);
        Assert.True(output.Attentions[0][1, .., .., 7..].abs().max().item<float>() < 1e-12);
        Assert.True(TinyModels.MaxAbsDiff(baseline.LastHiddenState, output.LastHiddenState) > 1e-3);
        // The fused path agrees with the explicit one when a prefix is present.
        var fused = model.forward(input with { Prefix = prefix, OutputAttentions = false, OutputFirstTokenScores = false });
        Assert.True(TinyModels.MaxAbsDiff(fused.LastHiddenState, output.LastHiddenState) < 1e-5);
    }

    [Fact]
    public void A_prefix_for_the_wrong_number_of_layers_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var prefix = new[] { new PrefixKeyValue(torch.zeros(2, 4, 3, 4), torch.zeros(2, 4, 3, 4)) };
        Assert.Throws<ArgumentException>(() => model.forward(TinyModels.Input(TinyConfigs.Bert) with { Prefix = prefix }));
    }
}
