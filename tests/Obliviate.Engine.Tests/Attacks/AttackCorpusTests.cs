using Obliviate.Engine.Attacks;
using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Attacks;

public sealed class AttackCorpusTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "obliviate-corpus-" + Guid.NewGuid().ToString("N"));

    public AttackCorpusTests() => Directory.CreateDirectory(root);

    [Fact]
    public void Plain_text_drops_blank_lines_and_headings_and_splits_held_out_poisoned_and_clean()
    {
        var lines = new List<string> { " = Title = ", "" };
        lines.AddRange(Enumerable.Range(0, 30).Select(i => $"sentence number {i}"));
        lines.Add(" = = Section = = ");
        var path = Write("corpus.txt", string.Join("\n", lines));
        var corpus = AttackCorpus.Load(path, null, 1000, 6, seed: 1);
        Assert.Equal("plaintext", corpus.Format);
        Assert.Equal(30, corpus.TotalLines);
        Assert.Equal((6, 12, 12), (corpus.HeldOut.Count, corpus.Poisoned.Count, corpus.Clean.Count));
        var all = corpus.HeldOut.Concat(corpus.Poisoned).Concat(corpus.Clean).ToList();
        Assert.Equal(30, all.Distinct().Count());
        Assert.DoesNotContain(all, t => t.Contains('='));
        Assert.Equal(corpus.Poisoned, AttackCorpus.Load(path, null, 1000, 6, seed: 1).Poisoned);
        Assert.NotEqual(corpus.Poisoned, AttackCorpus.Load(path, null, 1000, 6, seed: 2).Poisoned);
    }

    [Fact]
    public void Tables_read_the_text_column_and_max_lines_keeps_the_first_texts()
    {
        var path = Write("data.tsv", "label\treview\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"1\treview {i}")) + "\n");
        var corpus = AttackCorpus.Load(path, ColumnRef.Parse("review"), 20, 4, seed: 0);
        Assert.Equal("review", corpus.TextColumn);
        Assert.Equal(40, corpus.TotalLines);
        var used = corpus.HeldOut.Concat(corpus.Poisoned).Concat(corpus.Clean).ToList();
        Assert.Equal(20, used.Count);
        Assert.All(used, t => Assert.True(int.Parse(t["review ".Length..], System.Globalization.CultureInfo.InvariantCulture) < 20));
        // A header text column is found without --text-column, and no label column is needed.
        var unlabelled = Write("texts.csv", "text\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i => $"text {i}")) + "\n");
        Assert.Equal(8, AttackCorpus.Load(unlabelled, null, 100, 4, 0).Poisoned.Count + AttackCorpus.Load(unlabelled, null, 100, 4, 0).Clean.Count);
    }

    [Fact]
    public void Too_small_or_malformed_corpora_fail_naming_the_file()
    {
        var small = Write("small.txt", "one\ntwo\nthree\n");
        var error = Assert.Throws<DatasetFormatException>(() => AttackCorpus.Load(small, null, 100, 2, 0));
        Assert.Contains(small, error.Message, StringComparison.Ordinal);
        var broken = Write("broken.csv", "text\n\"unterminated\n");
        Assert.Throws<DatasetFormatException>(() => AttackCorpus.Load(broken, null, 100, 1, 0));
        Assert.Throws<DatasetFormatException>(() => AttackCorpus.Load(Path.Combine(root, "missing.txt"), null, 100, 1, 0));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
