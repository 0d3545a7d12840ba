using Obliviate.Engine.Defense;
using TorchSharp;
using static TorchSharp.torch;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Defense;

public class ObliviateLossTests
{
    [Fact]
    public void Amplification_is_minus_the_sum_of_whole_tensor_L2_norms()
    {
        using var a = torch.tensor(new float[] { 3, 4 }).requires_grad_(true);
        using var b = torch.tensor(new float[] { 1, 2, 2, 4 }, [2, 2]).requires_grad_(true); // ‖b‖ = √25 = 5
        using var loss = ObliviateLoss.Amplification([a, b]);
        Assert.Equal(-10.0, loss.item<float>(), 5);

        loss.backward();
        // ∂(−‖θ‖)/∂θ = −θ/‖θ‖.
        Assert.Equal(new[] { -0.6f, -0.8f }, a.grad!.data<float>().ToArray());
        Assert.Equal(new[] { -0.2f, -0.4f, -0.4f, -0.8f }, b.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Amplification_gradient_at_zero_is_zero_not_nan()
    {
        using var zero = torch.zeros(4, 2).requires_grad_(true);
        using var loss = ObliviateLoss.Amplification([zero]);
        loss.backward();
        Assert.Equal(0.0, loss.item<float>());
        Assert.All(zero.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Attention_is_the_layer_mean_of_batch_head_means_of_masked_L2_norms()
    {
        // Layer 0, [B=2, heads=1, T=3]: row 0 = (3, 4, 100) with the last column padding → ‖(3,4,0)‖ = 5; row 1 = (1, 0, 0) → 1.
        using var layer0 = torch.tensor(new float[] { 3, 4, 100, 1, 0, 0 }, [2, 1, 3]);
        using var layer1 = layer0 * 2; // 10 and 2 (the padded 200 is zeroed too)
        using var mask = torch.tensor(new long[] { 1, 1, 0, 1, 1, 1 }, [2, 3]);
        using var loss = ObliviateLoss.Attention([layer0, layer1], mask, prefixLength: 0);
        // Layer means: (5 + 1)/2 = 3 and (10 + 2)/2 = 6; L_attn = (3 + 6)/2 = 4.5.
        Assert.Equal(4.5, loss.item<float>(), 5);
    }

    [Fact]
    public void Attention_ignores_padding_columns_whatever_their_value()
    {
        using var mask = torch.tensor(new long[] { 1, 1, 0, 0 }, [1, 4]);
        using var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [1, 2, 4]);
        using var b = torch.tensor(new float[] { 1, 2, -1e9f, 1e9f, 5, 6, 0, 123 }, [1, 2, 4]);
        using var la = ObliviateLoss.Attention([a], mask, 0);
        using var lb = ObliviateLoss.Attention([b], mask, 0);
        Assert.Equal(la.item<float>(), lb.item<float>());
        // Heads: ‖(1,2)‖ = √5 and ‖(5,6)‖ = √61.
        Assert.Equal((Math.Sqrt(5) + Math.Sqrt(61)) / 2, la.item<float>(), 5);
    }

    [Fact]
    public void Attention_counts_prefix_columns_in_front_of_the_tokens()
    {
        // P = 2 prefix columns (always attended) then T = 2 tokens, the second padding.
        using var scores = torch.tensor(new float[] { 2, 3, 6, 50 }, [1, 1, 4]);
        using var mask = torch.tensor(new long[] { 1, 0 }, [1, 2]);
        using var loss = ObliviateLoss.Attention([scores], mask, prefixLength: 2);
        Assert.Equal(7.0, loss.item<float>(), 5); // ‖(2,3,6,0)‖ = 7
    }

    [Fact]
    public void Attention_rejects_scores_that_do_not_match_the_mask()
    {
        using var scores = torch.zeros(1, 1, 5);
        using var mask = torch.ones(1, 3, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => ObliviateLoss.Attention([scores], mask, 0));
    }

    [Fact]
    public void Combine_weights_the_terms_and_drops_them_without_the_defense()
    {
        using var ce = torch.tensor(0.5f);
        using var amp = torch.tensor(-10f);
        using var attn = torch.tensor(4f);
        var settings = new DefenseSettings { AlphaAmp = 0.01, AlphaAttn = 0.1 };
        var (total, terms) = ObliviateLoss.Combine(ce, amp, attn, settings);
        Assert.Equal(0.5 - 0.1 + 0.4, total.item<float>(), 5);
        Assert.Equal(-10.0, terms.Amplification!.Value, 5);
        Assert.Equal(4.0, terms.Attention!.Value, 5);

        var (plain, _) = ObliviateLoss.Combine(ce, amp, attn, DefenseSettings.None);
        Assert.Equal(0.5, plain.item<float>(), 6);
    }
}
