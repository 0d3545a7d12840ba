using Obliviate.Engine.Data;
using Obliviate.Tests;

namespace Obliviate.Engine.Tests.Data;

/// <summary>The readers on the real files of ../shared/data/text; expected counts are those of its README table.</summary>
public sealed class RealDatasetTests
{
    [SkippableTheory]
    [InlineData("text/sst2-sentence-level/train.tsv", 6920, 3310, 3610)]
    [InlineData("text/sst2-sentence-level/dev.tsv", 872, 428, 444)]
    [InlineData("text/sst2-sentence-level/test.tsv", 1821, 912, 909)]
    [InlineData("text/sst2-sentence-level/dev.openbackdoor-parens.tsv", 872, 428, 444)]
    [InlineData("text/sst2-glue/dev.tsv", 872, 428, 444)]
    [InlineData("text/imdb-sample/dev.openbackdoor.tsv", 2500, 1249, 1251)]
    public void Row_and_label_counts_match_the_readme(string file, int rows, int negatives, int positives)
    {
        var path = SharedData.Require(file);

        var ds = TextDataset.Load(path, new DatasetOptions { Role = DatasetRole.Train });

        Assert.Equal(rows, ds.Rows.Count);
        Assert.Equal(["0", "1"], ds.Labels.Names);
        Assert.Equal([negatives, positives], ds.LabelCounts());
        Assert.True(ds.HasHeader);
        Assert.DoesNotContain(ds.Rows, r => r.Text.Contains('\r'));
    }

    [SkippableFact]
    public void Imdb_csv_quoting_inside_tsv_is_unquoted()
    {
        var ds = TextDataset.Load(SharedData.Require("text/imdb-sample/dev.openbackdoor.tsv"));

        Assert.Equal("sentences", ds.TextColumn);
        Assert.Equal("labels", ds.LabelColumn);
        // Row 5 (line 6) is a quoted field: the outer quotes go, and doubled quotes inside become single ones.
        Assert.StartsWith("Words fail me.", ds.Rows[4].Text);
        Assert.Equal(6, ds.Rows[4].Line);
        var row7 = ds.Rows[6].Text;
        Assert.Contains("remember \"The Savage Bees\"?", row7);
        Assert.DoesNotContain("\"\"", row7);
    }

    [SkippableFact]
    public void Glue_dev_keeps_the_trailing_space_and_matches_the_sentence_level_labels()
    {
        var glue = TextDataset.Load(SharedData.Require("text/sst2-glue/dev.tsv"));
        var level = TextDataset.Load(SharedData.Require("text/sst2-sentence-level/dev.openbackdoor-parens.tsv"));

        Assert.Equal("it 's a charming and often affecting journey . ", glue.Rows[0].Text);
        Assert.Equal(872, level.Rows.Count);
        Assert.Equal(glue.Labels, level.Labels);
    }

    [SkippableFact]
    public void Train_sampling_to_the_default_budget_is_seeded()
    {
        var ds = TextDataset.Load(SharedData.Require("text/sst2-sentence-level/train.tsv"), new DatasetOptions { Role = DatasetRole.Train });

        var a = ds.Sample(DatasetDefaults.MaxTrain, new Random(42));
        var b = ds.Sample(DatasetDefaults.MaxTrain, new Random(42));

        Assert.Equal(6000, a.Rows.Count);
        Assert.Equal(6920, a.TotalRows);
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(2, a.LabelCounts().Count(c => c > 0));
        Assert.Equal(ds.Sha256, a.Sha256);
    }

    [SkippableFact]
    public void The_dataset_hash_is_the_file_hash()
    {
        // README: the GLUE dev.tsv sha256 starts 54a9c12c77e402fc.
        var ds = TextDataset.Load(SharedData.Require("text/sst2-glue/dev.tsv"));
        Assert.StartsWith("54a9c12c77e402fc", ds.Sha256);
    }
}
