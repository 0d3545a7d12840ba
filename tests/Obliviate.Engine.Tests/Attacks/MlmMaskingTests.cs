using Obliviate.Engine.Attacks;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Attacks;

public class MlmMaskingTests
{
    [Fact]
    public void About_15_percent_of_ordinary_tokens_are_chosen_and_split_80_10_10_and_specials_never()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        var rows = Enumerable.Range(0, 400).Select(_ => tokenizer.Encode("the movie was very good and the plot is fine", null, 64)).ToList();
        var (masked, labels) = MlmMasking.Mask(rows, tokenizer, 0.15, new Random(7));
        int ordinary = 0, chosen = 0, toMask = 0, kept = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var t = 0; t < rows[r].Length; t++)
            {
                var original = rows[r].Ids[t];
                if (tokenizer.IsSpecial(original))
                {
                    Assert.Equal(MlmMasking.Ignore, labels[r][t]);
                    Assert.Equal(original, masked[r].Ids[t]);
                    continue;
                }
                ordinary++;
                if (labels[r][t] == MlmMasking.Ignore)
                {
                    Assert.Equal(original, masked[r].Ids[t]);
                    continue;
                }
                chosen++;
                Assert.Equal(original, labels[r][t]);
                if (masked[r].Ids[t] == tokenizer.MaskId) toMask++;
                else if (masked[r].Ids[t] == original) kept++;
            }
        }
        Assert.InRange(chosen / (double)ordinary, 0.13, 0.17);
        Assert.InRange(toMask / (double)chosen, 0.75, 0.85);
        Assert.InRange(kept / (double)chosen, 0.06, 0.16); // the 10% kept plus random draws that hit the same id
    }

    [Fact]
    public void A_batch_always_has_at_least_one_target_and_the_same_seed_masks_the_same_way()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        EncodedText[] rows = [tokenizer.Encode("good", null, 8)];
        for (var seed = 0; seed < 30; seed++)
        {
            var (_, labels) = MlmMasking.Mask(rows, tokenizer, 0.01, new Random(seed));
            Assert.Single(labels[0], l => l != MlmMasking.Ignore);
        }
        var a = MlmMasking.Mask(rows, tokenizer, 0.5, new Random(4));
        var b = MlmMasking.Mask(rows, tokenizer, 0.5, new Random(4));
        Assert.Equal(a.Rows[0].Ids, b.Rows[0].Ids);
        Assert.Throws<ArgumentException>(() => MlmMasking.Mask([tokenizer.Encode("", null, 8)], tokenizer, 0.15, new Random(1)));
    }
}
