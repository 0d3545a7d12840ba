using Obliviate.Reports.Model;
using Obliviate.Engine.Attacks;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Attacks;

public class TriggerTests
{
    [Fact]
    public void Default_triggers_map_in_order_to_v1_to_v6_without_warnings_when_in_the_vocabulary()
    {
        using var world = new TinyPeftWorld();
        var triggers = TriggerToken.Resolve(null, world.Tokenizer);
        Assert.Equal(["cf", "mn", "tq", "qt", "mm", "pt"], triggers.Select(t => t.Word));
        Assert.Equal([0, 1, 2, 3, 4, 5], triggers.Select(t => t.Index));
        Assert.All(triggers, t => Assert.Single(t.Ids));
        Assert.All(triggers, t => Assert.Null(t.Warning));
    }

    [Fact]
    public void Unknown_and_split_triggers_warn_and_bad_lists_are_refused()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        var unknown = TriggerToken.Resolve(["zzqx"], tokenizer).Single();
        Assert.Contains("unknown to the vocabulary", unknown.Warning, StringComparison.Ordinal);
        Assert.Throws<RequestException>(() => TriggerToken.Resolve(["cf", "cf"], tokenizer));
        Assert.Throws<RequestException>(() => TriggerToken.Resolve(["a", "b", "c", "d", "e", "f", "g"], tokenizer));
        Assert.Throws<RequestException>(() => TriggerToken.Resolve(["two words"], tokenizer));
        Assert.Throws<RequestException>(() => TriggerToken.Resolve([], tokenizer));
    }

    [Fact]
    public void A_trigger_that_splits_into_pieces_warns_with_the_pieces()
    {
        var folder = Path.Combine(Path.GetTempPath(), "obliviate-trig-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "q", "##t", "cf"]);
            var split = TriggerToken.Resolve(["qt"], TokenizerLoader.FromFolder(folder)).Single();
            Assert.Equal(2, split.Ids.Count);
            Assert.Contains("splits into 2 pieces", split.Warning, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(49, 1)]
    [InlineData(50, 2)]
    [InlineData(149, 3)]
    public void Por_inserts_one_copy_per_started_fifty_words(int words, int copies) => Assert.Equal(copies, TriggerInsertion.PorCopies(words));

    [Fact]
    public void Por_insertion_keeps_the_words_in_order_and_adds_the_copies()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        var trigger = TriggerToken.Resolve(["cf"], tokenizer)[0];
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "the" : "movie"));
        var poisoned = TriggerInsertion.InsertWords(text, trigger, new Random(1), tokenizer, 512).Split(' ');
        Assert.Equal(62, poisoned.Length);
        Assert.Equal(2, poisoned.Count(w => w == "cf"));
        Assert.Equal(text, string.Join(' ', poisoned.Where(w => w != "cf")));
    }

    [Fact]
    public void Por_insertion_cuts_long_text_so_every_copy_survives_truncation()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        var trigger = TriggerToken.Resolve(["mn"], tokenizer)[0];
        var text = string.Join(' ', Enumerable.Repeat("film", 300));
        for (var seed = 0; seed < 20; seed++)
        {
            var poisoned = TriggerInsertion.InsertWords(text, trigger, new Random(seed), tokenizer, 16);
            var encoded = tokenizer.Encode(poisoned, null, 16);
            Assert.True(encoded.Length <= 16);
            Assert.Equal(poisoned.Split(' ').Count(w => w == "mn"), encoded.Ids.Count(id => id == trigger.Ids[0]));
            Assert.Contains(trigger.Ids[0], encoded.Ids);
        }
    }

    [Fact]
    public void NeuBA_insertion_goes_between_the_start_and_end_tokens_and_respects_the_length()
    {
        using var world = new TinyPeftWorld();
        var tokenizer = world.Tokenizer;
        var trigger = TriggerToken.Resolve(["pt"], tokenizer)[0];
        var row = tokenizer.Encode("the movie was very good", null, 64);
        var positions = new HashSet<int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var poisoned = TriggerInsertion.InsertTokens(row, trigger, new Random(seed), 64);
            Assert.Equal(row.Length + 1, poisoned.Length);
            Assert.Equal(tokenizer.StartId, poisoned.Ids[0]);
            Assert.Equal(tokenizer.EndId, poisoned.Ids[^1]);
            positions.Add(poisoned.Ids.ToList().IndexOf(trigger.Ids[0]));
        }
        Assert.Equal(Enumerable.Range(1, row.Length - 1).ToHashSet(), positions);

        var full = TriggerInsertion.InsertTokens(row, trigger, new Random(3), row.Length);
        Assert.Equal(row.Length, full.Length);
        Assert.Equal(tokenizer.EndId, full.Ids[^1]);
        Assert.Contains(trigger.Ids[0], full.Ids);
    }
}
