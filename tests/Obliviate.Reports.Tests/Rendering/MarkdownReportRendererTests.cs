using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Approvals;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class MarkdownReportRendererTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string Render(ScanReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        MarkdownReportRenderer.Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Mixed_report_matches_golden_file() => Approval.Verify("markdown-mixed", "md", Render(SampleReports.Mixed()));

    [Fact]
    public void Empty_report_matches_golden_file() => Approval.Verify("markdown-empty", "md", Render(SampleReports.Empty()));

    [Fact]
    public void Tables_parse_with_one_row_per_item_and_six_cells_despite_hostile_names()
    {
        var doc = Markdown.Parse(Render(SampleReports.Mixed()), Pipeline);
        var tables = doc.Descendants<Table>().ToList();
        Assert.Equal(2, tables.Count);
        // Findings table: header + 4 findings; files table: header + 5 files.
        Assert.Equal(5, tables[0].Count);
        Assert.Equal(6, tables[1].Count);
        foreach (var row in tables.SelectMany(t => t.Cast<TableRow>())) Assert.Equal(6, row.Count);
    }

    [Fact]
    public void Text_from_scanned_files_renders_as_literal_text_without_links_html_or_emphasis()
    {
        var markdown = Render(SampleReports.Mixed());
        var doc = Markdown.Parse(markdown, Pipeline);
        Assert.Empty(doc.Descendants<LinkInline>());
        Assert.Empty(doc.Descendants<AutolinkInline>());
        Assert.Empty(doc.Descendants<HtmlInline>());
        var html = Markdown.ToHtml(markdown, Pipeline);
        Assert.Contains("we|ird [x](http:evil).pkl", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Unknown global *bold* &lt;b&gt;x&lt;/b&gt;.", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', html);
    }

    [Theory]
    [InlineData("a|b")]
    [InlineData("[t](javascript:alert(1))")]
    [InlineData("<script>x</script>")]
    [InlineData("**x** _y_ `z` ~~w~~ \\")]
    [InlineData("line\nbreak")]
    [InlineData("see www.evil.example and https://evil.example/x $x^2$")]
    public void Escape_round_trips_through_a_markdown_parser_as_plain_text(string text)
    {
        var html = Markdown.ToHtml("| a |\n|---|\n| " + MarkdownReportRenderer.Escape(text) + " |\n", Pipeline);
        var cell = System.Text.RegularExpressions.Regex.Match(html, "<td>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(cell.Success, html);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.Equal(text.Replace("\n", "\\u000a", StringComparison.Ordinal), System.Net.WebUtility.HtmlDecode(cell.Groups[1].Value));
    }
}
