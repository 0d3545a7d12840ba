using Obliviate.Tests;
using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Data;

/// <summary>Every defect fails closed with the file, the 1-based physical line (when one applies) and what is wrong.</summary>
public sealed class MalformedDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private DatasetFormatException Fails(string name, string content, DatasetOptions? options = null)
    {
        var path = _dir.Write(name, content);
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path, options));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Fact]
    public void Bad_quoting()
    {
        var e = Fails("q.tsv", "sentence\tlabel\r\nok\t1\r\n\"broken\" here\t0\r\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("closing quote", e.Problem);
    }

    [Fact]
    public void Unterminated_quote()
    {
        var e = Fails("u.csv", "text,label\nok,1\n\"runs on,0\nand on,1\n");
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Ragged_row_names_its_line_and_the_counts()
    {
        var e = Fails("r.tsv", "sentence\tlabel\na\t1\nb\t0\textra\nc\t1\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 2 fields", e.Problem);
        Assert.Contains("found 3", e.Problem);
    }

    [Fact]
    public void Short_row_after_a_multiline_quoted_field_reports_the_physical_line()
    {
        var e = Fails("m.tsv", "sentence\tlabel\n\"two\nlines\"\t1\nlonely\n");
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Missing_named_column()
    {
        var e = Fails("c.tsv", "sentence\tlabel\na\t1\n", new DatasetOptions { LabelColumn = ColumnRef.Parse("gold") });
        Assert.Contains("'gold' is not in the header", e.Problem);
    }

    [Fact]
    public void No_recognisable_label_column()
    {
        var e = Fails("n.tsv", "sentence\tstars\na\tx\n", new DatasetOptions { HasHeader = true });
        Assert.Contains("no label column", e.Problem);
        Assert.Contains("--label-column", e.Problem);
    }

    [Fact]
    public void Column_index_out_of_range()
    {
        var e = Fails("i.tsv", "a\t1\nb\t0\n", new DatasetOptions { LabelColumn = ColumnRef.ByIndex(5) });
        Assert.Contains("out of range", e.Problem);
    }

    [Fact]
    public void Same_column_for_text_and_label()
    {
        var e = Fails("s.tsv", "a\t1\n", new DatasetOptions { TextColumn = ColumnRef.ByIndex(1), LabelColumn = ColumnRef.ByIndex(1) });
        Assert.Contains("must differ", e.Problem);
    }

    [Fact]
    public void Empty_file()
    {
        var e = Fails("empty.tsv", "");
        Assert.Null(e.Line);
        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void Header_only()
    {
        var e = Fails("header.tsv", "sentence\tlabel\r\n");
        Assert.Contains("no data rows", e.Problem);
    }

    [Fact]
    public void Single_class_training_set()
    {
        var e = Fails("one.tsv", "sentence\tlabel\na\t1\nb\t1\n", new DatasetOptions { Role = DatasetRole.Train });
        Assert.Contains("at least two classes", e.Problem);
        Assert.Contains("'1'", e.Problem);
    }

    [Fact]
    public void Single_class_evaluation_set_is_allowed()
    {
        var path = _dir.Write("one-eval.tsv", "sentence\tlabel\na\t1\n");
        Assert.Single(TextDataset.Load(path).Rows);
    }

    [Fact]
    public void Empty_label_and_empty_text()
    {
        Assert.Equal(3, Fails("el.tsv", "sentence\tlabel\na\t1\nb\t \n").Line);
        Assert.Equal(2, Fails("et.tsv", "sentence\tlabel\n\t1\nb\t0\n").Line);
    }

    [Fact]
    public void Two_spellings_of_one_number()
    {
        var e = Fails("num.tsv", "sentence\tlabel\na\t1\nb\t1.0\nc\t0\n");
        Assert.Contains("same number", e.Problem);
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        var path = _dir.Write("bin.tsv", [.. "ok\t1\nbad "u8, 0xFF, .. "\t0\n"u8]);
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("UTF-8", e.Problem);
    }

    [Fact]
    public void Nul_byte_is_rejected()
    {
        var e = Fails("nul.tsv", "a\t1\nb\0\t0\n");
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Missing_file_and_size_cap()
    {
        var missing = Path.Combine(_dir.Path, "nope.tsv");
        Assert.Contains("not found", Assert.Throws<DatasetFormatException>(() => TextDataset.Load(missing)).Problem);
        var e = Fails("big.tsv", "sentence\tlabel\na\t1\n", new DatasetOptions { MaxFileBytes = 10 });
        Assert.Contains("limit", e.Problem);
    }

    [Fact]
    public void Jsonl_defects()
    {
        Assert.Equal(2, Fails("a.jsonl", "{\"text\":\"a\",\"label\":1}\n{\"text\":\"b\"}\n").Line);
        Assert.Equal(1, Fails("b.jsonl", "[1,2]\n").Line);
        Assert.Equal(2, Fails("c.jsonl", "{\"text\":\"a\",\"label\":1}\n{\"text\": nope}\n").Line);
        Assert.Equal(1, Fails("d.jsonl", "{\"text\":null,\"label\":1}\n").Line);
        Assert.Contains("by name", Fails("e.jsonl", "{\"text\":\"a\",\"label\":1}\n",
            new DatasetOptions { LabelColumn = ColumnRef.ByIndex(1) }).Problem);
    }

    [Fact]
    public void Both_label_map_and_label_names_is_a_usage_error()
    {
        var path = _dir.Write("x.tsv", "a\t1\n");
        Assert.Throws<ArgumentException>(() => TextDataset.Load(path, new DatasetOptions
        {
            LabelNames = ["1"],
            LabelMap = new LabelMap(["1"], LabelOrder.Given),
        }));
    }
}
