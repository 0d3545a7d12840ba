using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Data;

public sealed class DatasetSamplingTests
{
    private static TextDataset Make(int rows, DatasetRole role = DatasetRole.Eval) => new()
    {
        Path = "mem.tsv",
        Sha256 = new string('0', 64),
        Format = DatasetFormat.Tsv,
        HasHeader = false,
        TextColumn = "#0",
        LabelColumn = "#1",
        Labels = new LabelMap(["0", "1"], LabelOrder.Numeric),
        Rows = [.. Enumerable.Range(0, rows).Select(i => new TextExample($"row {i}", null, i % 2, i + 1))],
        TotalRows = rows,
        Role = role,
    };

    [Fact]
    public void Sample_draws_without_replacement_and_keeps_file_order()
    {
        var ds = Make(100);
        var sample = ds.Sample(30, new Random(1));

        Assert.Equal(30, sample.Rows.Count);
        Assert.Equal(30, sample.Rows.Select(r => r.Line).Distinct().Count());
        Assert.Equal(sample.Rows.Select(r => r.Line).Order(), sample.Rows.Select(r => r.Line));
        Assert.All(sample.Rows, r => Assert.Contains(r, ds.Rows));
        Assert.Equal(100, sample.TotalRows);
    }

    [Fact]
    public void Same_seed_same_sample_and_different_seed_different_sample()
    {
        var ds = Make(100);
        var a = ds.Sample(30, new Random(7)).Rows.Select(r => r.Line).ToList();
        var b = ds.Sample(30, new Random(7)).Rows.Select(r => r.Line).ToList();
        var c = ds.Sample(30, new Random(8)).Rows.Select(r => r.Line).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Within_budget_is_returned_unchanged()
    {
        var ds = Make(10);
        Assert.Same(ds, ds.Sample(DatasetDefaults.MaxEval, new Random(0)));
    }

    [Fact]
    public void Every_row_is_equally_likely()
    {
        // 2000 draws of 1 row from 4: each row expected 500 times; a biased draw (e.g. never the last row) fails.
        var ds = Make(4);
        var random = new Random(3);
        var counts = new int[4];
        for (var i = 0; i < 2000; i++) counts[ds.Sample(1, random).Rows[0].Line - 1]++;
        Assert.All(counts, c => Assert.InRange(c, 400, 600));
    }

    [Fact]
    public void Training_sample_that_loses_a_class_is_rejected()
    {
        var ds = Make(2, DatasetRole.Train);
        Assert.Throws<DatasetFormatException>(() => ds.Sample(1, new Random(0)));
    }
}
