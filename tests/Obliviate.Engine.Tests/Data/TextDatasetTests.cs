using Obliviate.Tests;
using System.Security.Cryptography;
using System.Text;
using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Data;

public sealed class TextDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tsv_with_bom_crlf_and_header_is_read_and_hashed()
    {
        var body = Encoding.UTF8.GetBytes("sentence\tlabel\r\ngood film .\t1\r\nbad film .\t0\r\n");
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray();
        var path = _dir.Write("a.tsv", bytes);

        var ds = TextDataset.Load(path);

        Assert.True(ds.HasHeader);
        Assert.Equal(DatasetFormat.Tsv, ds.Format);
        Assert.Equal("sentence", ds.TextColumn);
        Assert.Equal("label", ds.LabelColumn);
        Assert.Equal(["good film .", "bad film ."], ds.Rows.Select(r => r.Text));
        Assert.Equal([1, 0], ds.Rows.Select(r => r.Label));
        Assert.Equal([2, 3], ds.Rows.Select(r => r.Line));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), ds.Sha256);
        Assert.Equal(2, ds.TotalRows);
    }

    [Fact]
    public void Headerless_file_uses_first_column_for_text_and_last_for_label()
    {
        var path = _dir.Write("b.tsv", "one\t0\ntwo\t1\n");

        var ds = TextDataset.Load(path);

        Assert.False(ds.HasHeader);
        Assert.Equal("#0", ds.TextColumn);
        Assert.Equal("#1", ds.LabelColumn);
        Assert.Equal(2, ds.Rows.Count);
    }

    [Fact]
    public void Header_is_detected_from_a_non_numeric_first_label_above_numeric_ones()
    {
        var path = _dir.Write("c.tsv", "review_body\tstars\nfine\t1\nmeh\t0\n");
        var ds = TextDataset.Load(path, new DatasetOptions { TextColumn = ColumnRef.Parse("0"), LabelColumn = ColumnRef.Parse("1") });
        Assert.True(ds.HasHeader);
        Assert.Equal("review_body", ds.TextColumn);
    }

    [Fact]
    public void Columns_by_name_and_index_and_explicit_pair()
    {
        var path = _dir.Write("d.csv", "id,premise_text,hyp,gold\n7,\"A man, sleeping\",a man rests,entail\n8,x,y,contra\n");

        var byName = TextDataset.Load(path, new DatasetOptions
        {
            TextColumn = ColumnRef.Parse("premise_text"),
            TextPairColumn = ColumnRef.Parse("HYP"),
            LabelColumn = ColumnRef.Parse("gold"),
        });
        var byIndex = TextDataset.Load(path, new DatasetOptions
        {
            HasHeader = true,
            TextColumn = ColumnRef.Parse("1"),
            TextPairColumn = ColumnRef.Parse("2"),
            LabelColumn = ColumnRef.Parse("3"),
        });

        Assert.Equal(DatasetFormat.Csv, byName.Format);
        Assert.Equal("A man, sleeping", byName.Rows[0].Text);
        Assert.Equal("a man rests", byName.Rows[0].TextPair);
        Assert.True(byName.IsPair);
        Assert.Equal(byName.Rows, byIndex.Rows);
        // String labels sort ordinally: contra < entail.
        Assert.Equal(["contra", "entail"], byName.Labels.Names);
        Assert.Equal(LabelOrder.Ordinal, byName.Labels.Order);
        Assert.Equal([1, 0], byName.Rows.Select(r => r.Label));
    }

    [Fact]
    public void Glue_pair_columns_are_paired_without_flags()
    {
        var path = _dir.Write("rte.tsv", "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\tentailment\n1\tC.\tD.\tnot_entailment\n");
        var ds = TextDataset.Load(path);
        Assert.Equal("sentence1", ds.TextColumn);
        Assert.Equal("sentence2", ds.TextPairColumn);
        Assert.Equal("B.", ds.Rows[0].TextPair);
    }

    [Fact]
    public void Numeric_labels_keep_numeric_order()
    {
        // Ordinal order would put "10" before "2"; numeric order keeps 2 < 10.
        var path = _dir.Write("e.tsv", "text\tlabel\na\t10\nb\t2\nc\t-1\n");
        var ds = TextDataset.Load(path);
        Assert.Equal(["-1", "2", "10"], ds.Labels.Names);
        Assert.Equal(LabelOrder.Numeric, ds.Labels.Order);
        Assert.Equal([2, 1, 0], ds.Rows.Select(r => r.Label));
    }

    [Fact]
    public void Given_label_order_fixes_the_ids_and_rejects_unlisted_labels()
    {
        var path = _dir.Write("f.tsv", "text\tlabel\na\tpos\nb\tneg\n");
        var ds = TextDataset.Load(path, new DatasetOptions { LabelNames = ["pos", "neg", "neutral"] });
        Assert.Equal([0, 1], ds.Rows.Select(r => r.Label));
        Assert.Equal(LabelOrder.Given, ds.Labels.Order);

        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path, new DatasetOptions { LabelNames = ["pos"] }));
        Assert.Equal(3, e.Line);
        Assert.Contains("'neg'", e.Problem);
    }

    [Fact]
    public void A_saved_label_map_maps_evaluation_exactly_as_training_did()
    {
        var train = _dir.Write("train.tsv", "text\tlabel\na\tneg\nb\tpos\nc\tneutral\n");
        var eval = _dir.Write("eval.tsv", "text\tlabel\nd\tpos\n");
        var trained = TextDataset.Load(train, new DatasetOptions { Role = DatasetRole.Train });
        var mapPath = Path.Combine(_dir.Path, "labels.json");
        trained.Labels.Save(mapPath);

        var evaluated = TextDataset.Load(eval, new DatasetOptions { LabelMap = LabelMap.Load(mapPath) });
        var alone = TextDataset.Load(eval);

        Assert.Equal(trained.Labels, evaluated.Labels);
        Assert.Equal(2, evaluated.Rows[0].Label); // neg=0, neutral=1, pos=2
        Assert.Equal(0, alone.Rows[0].Label);     // on its own the file would have only one label
    }

    [Fact]
    public void Jsonl_reads_string_and_number_fields_and_skips_blank_lines()
    {
        var path = _dir.Write("g.jsonl", "{\"text\": \"nice\", \"label\": 1}\r\n\n{\"label\": 0, \"text\": \"not \\\"nice\\\"\"}\n");
        var ds = TextDataset.Load(path);
        Assert.Equal(DatasetFormat.Jsonl, ds.Format);
        Assert.Equal(["nice", "not \"nice\""], ds.Rows.Select(r => r.Text));
        Assert.Equal([1, 3], ds.Rows.Select(r => r.Line));
        Assert.Equal(["0", "1"], ds.Labels.Names);
    }

    [Fact]
    public void Summary_records_hash_counts_and_columns()
    {
        var path = _dir.Write("h.tsv", "sentence\tlabel\na\t0\nb\t1\nc\t1\n");
        var summary = TextDataset.Load(path).Summarize();
        Assert.Equal(3, summary.Rows);
        Assert.Equal([1, 2], summary.LabelCounts);
        Assert.Equal("tsv", summary.Format);
        Assert.Equal(64, summary.Sha256.Length);
    }
}
