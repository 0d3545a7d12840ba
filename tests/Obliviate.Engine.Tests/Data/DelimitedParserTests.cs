using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Data;

public sealed class DelimitedParserTests
{
    private static List<RawRecord> Parse(string text, char delimiter = '\t') =>
        DelimitedParser.Parse(text, delimiter, "f.tsv", maxFieldChars: 1000, maxRecords: 1000);

    [Fact]
    public void Quoted_fields_keep_tabs_commas_newlines_and_doubled_quotes()
    {
        var records = Parse("\"a\tb, \"\"c\"\"\nd\"\t1\r\nplain\t0\r\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a\tb, \"c\"\nd", "1"], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        // The quoted field spans lines 1–2, so the next record starts on physical line 3.
        Assert.Equal(["plain", "0"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void Csv_quoting_with_commas()
    {
        var records = Parse("text,label\n\"hello, world\",1\n", ',');
        Assert.Equal(["hello, world", "1"], records[1].Fields);
    }

    [Fact]
    public void Crlf_lf_and_lone_cr_all_end_records_and_blank_lines_are_skipped()
    {
        var records = Parse("a\t1\r\n\r\nb\t0\rc\t1\n\nd\t0");

        Assert.Equal(["a", "b", "c", "d"], records.Select(r => r.Fields[0]));
        Assert.Equal([1, 3, 4, 6], records.Select(r => r.Line));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_literal()
    {
        var records = Parse("he said \"hi\" twice\t1\n");
        Assert.Equal("he said \"hi\" twice", records[0].Fields[0]);
    }

    [Fact]
    public void Trailing_delimiter_at_end_of_file_gives_an_empty_last_field()
    {
        var records = Parse("\"a\"\t");
        Assert.Equal(["a", ""], records[0].Fields);
    }

    [Fact]
    public void Unterminated_quote_names_the_line_it_opened_on()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Parse("a\t1\n\"never closed\t0\nmore\t1\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("never closed", e.Problem);
        Assert.StartsWith("f.tsv:2:", e.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected_with_its_line()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Parse("a\t1\n\"bad\"quote\t0\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("after a closing quote", e.Problem);
    }

    [Fact]
    public void Oversized_field_is_rejected()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Parse("\"" + new string('x', 2000)));
        Assert.Contains("longer than 1000", e.Problem);
    }
}
