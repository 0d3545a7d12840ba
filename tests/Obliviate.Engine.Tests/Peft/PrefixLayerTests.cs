using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Tests.Models.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Peft;

public class PrefixLayerTests
{
    [Fact]
    public void Prefix_keys_and_values_have_the_per_layer_shape()
    {
        using var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Prefix));
        var prefix = model.Peft.Prefix!;
        using var scope = torch.NewDisposeScope();
        var kv = prefix.forward(3);
        Assert.Equal(TinyPeftWorld.Config.NumHiddenLayers, kv.Count);
        Assert.All(kv, p => Assert.Equal(new long[] { 3, 4, 30, 8 }, p.Key.shape));
        // Layer l uses slices 2l (keys) and 2l+1 (values) of the folded [P, L·2·H] tensor.
        var flat = prefix.Eject().view(30, 4, 4, 8);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(kv[1].Key[0], flat.select(1, 2).permute(1, 0, 2)));
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(kv[1].Value[2], flat.select(1, 3).permute(1, 0, 2)));
    }

    [Fact]
    public void The_mask_is_extended_so_prefix_columns_are_attended_and_padding_is_not()
    {
        // A padded row must give the same first-token output and scores (on its real columns) as the same row unpadded:
        // that holds only when the P prefix columns are put in front of the token mask, not behind it.
        using var world = new TinyPeftWorld();
        using var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Prefix));
        PeftContractTests.Perturb(model);
        model.eval();
        var tokenizer = world.Tokenizer;
        var padded = tokenizer.EncodeBatch(["the movie was very good", "awful plot"], maxLength: 32);
        var alone = tokenizer.EncodeBatch(["awful plot"], maxLength: 32);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var a = model.forward(padded, true);
        var b = model.forward(alone, true);
        Assert.True(TinyModels.MaxAbsDiff(a.Logits[1], b.Logits[0]) < 1e-5);
        var real = 30 + alone.SequenceLength;
        Assert.Equal(30 + padded.SequenceLength, a.FirstTokenScores![0].shape[2]);
        Assert.True(TinyModels.MaxAbsDiff(a.FirstTokenScores[0][1].narrow(-1, 0, real), b.FirstTokenScores![0][0]) < 1e-5);
    }

    [Fact]
    public void A_flat_prefix_reproduces_the_mlp_prefix()
    {
        using var model = TinyPeftWorld.CreateClassifier(PeftRegistry.Get(PeftMethod.Prefix));
        using var scope = torch.NewDisposeScope();
        var flat = new Obliviate.Engine.Peft.Prefix.PrefixLayer(model.Peft.Prefix!.Eject(), TinyPeftWorld.Config);
        Assert.True(flat.IsFlat);
        var x = model.Peft.Prefix.forward(2);
        var y = flat.forward(2);
        for (var l = 0; l < x.Count; l++) Assert.Equal(0.0, TinyModels.MaxAbsDiff(x[l].Key, y[l].Key));
    }

    [Fact]
    public void A_flat_prefix_of_the_wrong_width_is_refused()
    {
        using var bad = torch.zeros(30, 10);
        Assert.Throws<InvalidDataException>(() => new Obliviate.Engine.Peft.Prefix.PrefixLayer(bad, TinyPeftWorld.Config));
    }
}
