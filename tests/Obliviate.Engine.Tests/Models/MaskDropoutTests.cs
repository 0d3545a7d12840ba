using Obliviate.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Models;

public sealed class MaskDropoutTests
{
    [Fact]
    public void Kept_elements_are_scaled_by_the_keep_probability_and_about_p_of_them_are_dropped()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var input = torch.rand(200, 100) + 0.5; // no zeros in the input, so a zero in the output is a drop
        var output = MaskDropout.Apply(input, 0.25, training: true);

        var dropped = output.eq(0);
        var share = dropped.to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.23, 0.27);
        var kept = dropped.logical_not();
        Assert.True((output.masked_select(kept) - input.masked_select(kept) / 0.75).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void The_gradient_passes_the_kept_elements_scaled_and_blocks_the_dropped_ones()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        var input = (torch.rand(30, 40) + 0.5).requires_grad_();
        var output = MaskDropout.Apply(input, 0.1, training: true);
        output.sum().backward();

        var expected = output.detach().ne(0).to(ScalarType.Float32) / 0.9;
        Assert.True((input.grad! - expected).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void The_same_seed_draws_the_same_mask_and_eval_is_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.ones(8, 16);
        torch.manual_seed(5);
        var a = MaskDropout.Apply(input, 0.5, training: true);
        torch.manual_seed(5);
        var b = MaskDropout.Apply(input, 0.5, training: true);
        Assert.Equal(0f, (a - b).abs().max().item<float>());
        Assert.Same(input, MaskDropout.Apply(input, 0.5, training: false));
        Assert.Same(input, MaskDropout.Apply(input, 0, training: true));
        Assert.Equal(0f, MaskDropout.Apply(input, 1, training: true).abs().max().item<float>());
    }
}
