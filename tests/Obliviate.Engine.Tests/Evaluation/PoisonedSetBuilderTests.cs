using Obliviate.Reports.Model;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;

namespace Obliviate.Engine.Tests.Evaluation;

public sealed class PoisonedSetBuilderTests
{
    private static readonly TextExample[] Rows =
    [
        new("a short one", null, 0, 2),
        new("  spaced\tout   words\n", null, 1, 3),
        new(string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}")), null, 1, 4),
        new("premise text", "hypothesis stays", 2, 5),
        new("single", null, 0, 6),
    ];

    [Fact]
    public void Default_set_has_seven_copies_per_row_in_blocks()
    {
        var set = PoisonedSetBuilder.Build(Rows, new Random(1));

        Assert.Equal(["cf", "mn", "tq", "qt", "mm", "pt"], set.Triggers);
        Assert.Equal(7 * Rows.Length, set.Examples.Count);
        Assert.Equal(Rows.Length, set.SourceCount);
        // Clean block: original text untouched, not poisoned, idx 0..N−1.
        Assert.Equal(Rows.Select(r => r.Text), set.Clean.Select(e => e.Text));
        Assert.All(set.Clean, e => Assert.False(e.Poisoned));
        Assert.All(set.Clean, e => Assert.Null(e.Trigger));
        Assert.Equal(Enumerable.Range(0, Rows.Length), set.Clean.Select(e => e.Idx));
        foreach (var trigger in set.Triggers)
        {
            var block = set.WithTrigger(trigger).ToList();
            Assert.Equal(Enumerable.Range(0, Rows.Length), block.Select(e => e.Idx));
            Assert.All(block, e => Assert.True(e.Poisoned));
            Assert.All(block, e => Assert.Equal(trigger, e.Trigger));
            Assert.Equal(Rows.Select(r => r.Label), block.Select(e => e.Label));
        }
    }

    [Fact]
    public void Each_trigger_is_inserted_once_at_its_recorded_position_within_the_cap()
    {
        var set = PoisonedSetBuilder.Build(Rows, new Random(5));

        foreach (var e in set.Examples.Where(e => e.Poisoned))
        {
            var source = PoisonedSetBuilder.SplitWords(Rows[e.Idx].Text);
            var words = e.Text.Split(' ');
            Assert.InRange(e.Position, 0, Math.Min(source.Count, 64));
            Assert.Equal(e.Trigger, words[e.Position]);
            Assert.Equal(source.Count + 1, words.Length);
            Assert.Equal(source, words.Where((_, k) => k != e.Position));
        }
    }

    [Fact]
    public void Whitespace_is_normalised_to_single_spaces()
    {
        var (text, position) = PoisonedSetBuilder.InsertTrigger("  spaced\tout   words\n", "cf", new Random(0));
        var expected = new List<string> { "spaced", "out", "words" };
        expected.Insert(position, "cf");
        Assert.Equal(string.Join(' ', expected), text);
    }

    [Fact]
    public void Positions_cover_both_ends_of_the_inclusive_range()
    {
        // Three words → positions 0..3 inclusive; 4000 draws hit each about 1000 times.
        var random = new Random(11);
        var counts = new int[4];
        for (var i = 0; i < 4000; i++) counts[PoisonedSetBuilder.InsertTrigger("a b c", "t", random).Position]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void Long_texts_are_capped_at_position_64()
    {
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        var random = new Random(2);
        var positions = Enumerable.Range(0, 3000).Select(_ => PoisonedSetBuilder.InsertTrigger(text, "t", random).Position).ToList();
        Assert.Equal(64, positions.Max());
        Assert.Equal(0, positions.Min());
    }

    [Fact]
    public void Pair_tasks_poison_only_the_first_text()
    {
        var set = PoisonedSetBuilder.Build(Rows, new Random(3));
        Assert.All(set.Examples.Where(e => e.Idx == 3), e => Assert.Equal("hypothesis stays", e.TextPair));
        Assert.All(set.Examples.Where(e => e.Idx == 3 && e.Poisoned), e => Assert.Contains(e.Trigger!, e.Text.Split(' ')));
    }

    [Fact]
    public void Same_seed_same_set_different_seed_different_set()
    {
        var a = PoisonedSetBuilder.Build(Rows, new Random(42));
        var b = PoisonedSetBuilder.Build(Rows, new Random(42));
        var c = PoisonedSetBuilder.Build(Rows, new Random(43));
        Assert.Equal(a.Examples, b.Examples);
        Assert.NotEqual(a.Examples, c.Examples);
    }

    [Fact]
    public void Custom_triggers_and_validation()
    {
        var set = PoisonedSetBuilder.Build(Rows, new Random(0), ["bb", "zz"]);
        Assert.Equal(3 * Rows.Length, set.Examples.Count);
        Assert.Throws<RequestException>(() => PoisonedSetBuilder.Build(Rows, new Random(0), ["bb", "bb"]));
        Assert.Throws<RequestException>(() => PoisonedSetBuilder.Build(Rows, new Random(0), [" bb"]));
        Assert.Throws<RequestException>(() => PoisonedSetBuilder.Build(Rows, new Random(0), []));
        Assert.Throws<InvalidDataException>(() => PoisonedSetBuilder.Build([], new Random(0)));
        Assert.Throws<ArgumentException>(() => set.WithTrigger("cf"));
    }

    [Fact]
    public void Python_split_semantics()
    {
        Assert.Equal(["a", "b", "c"], PoisonedSetBuilder.SplitWords(" a\u00A0b\u001Fc  "));
        Assert.Empty(PoisonedSetBuilder.SplitWords(" \t\r\n"));
        Assert.Equal(("t", 0), PoisonedSetBuilder.InsertTrigger("   ", "t", new Random(0)));
    }
}
