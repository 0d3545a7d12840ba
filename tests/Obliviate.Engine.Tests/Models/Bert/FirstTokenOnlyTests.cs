using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>
/// <see cref="EncoderInput.FirstTokenOnly"/>: the last layer computed for the first token alone must give exactly the full
/// forward's first row — outputs, pooler, first-token scores and gradients — with padding, RoBERTa positions and a prefix.
/// </summary>
public sealed class FirstTokenOnlyTests
{
    public static TheoryData<string> Configs => ["bert", "roberta"];

    private static EncoderConfig Config(string name) => name == "bert" ? TinyConfigs.Bert : TinyConfigs.Roberta;

    [Theory]
    [MemberData(nameof(Configs))]
    public void The_first_row_pooler_and_scores_equal_the_full_forward(string name)
    {
        using var scope = torch.NewDisposeScope();
        var config = Config(name);
        using var model = TinyModels.Create(config);
        var input = TinyModels.Input(config, scores: true);
        var full = model.forward(input);
        var first = model.forward(input with { FirstTokenOnly = true });

        Assert.Equal([2L, 1L, config.HiddenSize], first.LastHiddenState.shape);
        Assert.True(TinyModels.MaxAbsDiff(full.LastHiddenState.narrow(1, 0, 1), first.LastHiddenState) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(full.PoolerOutput!, first.PoolerOutput!) < 1e-5);
        Assert.Equal(full.FirstTokenScores!.Count, first.FirstTokenScores!.Count);
        for (var i = 0; i < full.FirstTokenScores.Count; i++)
            Assert.True(TinyModels.MaxAbsDiff(full.FirstTokenScores[i], first.FirstTokenScores[i]) < 1e-5, $"layer {i} scores differ");
    }

    [Fact]
    public void With_a_prefix_the_first_row_equals_the_full_forward()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        using var generator = new Generator(5);
        var prefix = model.Layers
            .Select(_ => new PrefixKeyValue(torch.randn([2, 4, 3, 4], generator: generator), torch.randn([2, 4, 3, 4], generator: generator)))
            .ToList();
        var input = TinyModels.Input(TinyConfigs.Bert) with { Prefix = prefix };

        var full = model.forward(input).LastHiddenState.narrow(1, 0, 1);
        var first = model.forward(input with { FirstTokenOnly = true }).LastHiddenState;

        Assert.True(TinyModels.MaxAbsDiff(full, first) < 1e-5);
    }

    [Fact]
    public void Gradients_of_a_first_token_loss_equal_the_full_forwards()
    {
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert);
        var full = Gradients(model, input);
        var first = Gradients(model, input with { FirstTokenOnly = true });

        Assert.Equal(full.Keys, first.Keys);
        Assert.Contains("encoder.layer.1.output.dense.weight", first.Keys);
        foreach (var (key, gradient) in full)
            Assert.True(TinyModels.MaxAbsDiff(gradient, first[key]) < 1e-5, $"{key}: gradients differ");
        // The loss reaches the last layer's keys and values through the first token's attention, so their gradients are not zero.
        Assert.True(first["encoder.layer.1.attention.self.key.weight"].abs().max().item<float>() > 0);
    }

    [Fact]
    public void Attention_probabilities_cannot_be_asked_for_with_the_first_token_only()
    {
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert, attentions: true) with { FirstTokenOnly = true };

        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("FirstTokenOnly", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, Tensor> Gradients(BertModel model, EncoderInput input)
    {
        foreach (var p in model.parameters())
        {
            p.requires_grad = true;
            p.grad?.zero_();
        }
        using (torch.NewDisposeScope())
        {
            var hidden = model.forward(input).LastHiddenState.select(1, 0);
            (hidden * torch.arange(hidden.shape[1], dtype: hidden.dtype)).sum().backward();
        }
        // The pooler is not in the loss: it has no gradient on either path.
        return model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }
}
