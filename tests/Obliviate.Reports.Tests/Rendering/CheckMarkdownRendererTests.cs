using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Approvals;
using Obliviate.Reports.Tests.Check;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class CheckMarkdownRendererTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    internal static string Render(CheckReport report, CheckMarkdownOptions? options = null)
    {
        var sw = new StringWriter { NewLine = "\n" };
        CheckMarkdownRenderer.Write(report, sw, options ?? CheckMarkdownOptions.Default);
        return sw.ToString();
    }

    [Fact]
    public void Backdoored_model_retrained_matches_golden_file() => Approval.Verify("check-full", "md", Render(SampleChecks.Full()));

    [Fact]
    public void Probe_unavailable_matches_golden_file() => Approval.Verify("check-probe-unavailable", "md", Render(SampleChecks.ProbeUnavailable()));

    [Fact]
    public void The_marker_comes_first_and_the_verdict_is_the_first_visible_line()
    {
        var lines = Render(SampleChecks.Full()).Split('\n');
        Assert.Equal(CheckMarkdownRenderer.Marker, lines[0]);
        Assert.StartsWith("## ⛔ dangerous", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_part_is_a_parsed_table_with_before_and_after_columns()
    {
        var doc = Markdown.Parse(Render(SampleChecks.Full()), Pipeline);
        var headings = doc.Descendants<HeadingBlock>().Select(h => Inline(h)).ToList();
        Assert.Contains("Scan", headings);
        Assert.Contains("Trigger probe", headings);
        Assert.Contains(headings, h => h.StartsWith("Retraining", StringComparison.Ordinal));
        var tables = doc.Descendants<Table>().ToList();
        // steps, findings, files, candidates (open and folded), metrics before/after, flip rate per trigger.
        Assert.True(tables.Count >= 6, $"{tables.Count} tables");
        var metrics = tables.Single(t => Inline((TableCell)((TableRow)t[0])[0]) == "metric");
        Assert.Equal(5, metrics.Count);
        Assert.Equal(["CACC (clean accuracy)", "86.7%", "86.2%"], ((TableRow)metrics[1]).Select(c => Inline((TableCell)c)));
        Assert.Equal(["ASR (any trigger flips)", "100.0%", "4.1%"], ((TableRow)metrics[2]).Select(c => Inline((TableCell)c)));
        var flips = tables.Single(t => Inline((TableCell)((TableRow)t[0])[0]) == "trigger");
        Assert.Equal(1 + SampleChecks.Triggers.Length, flips.Count);
    }

    [Fact]
    public void Charts_are_mermaid_blocks_and_hostile_labels_cannot_break_them()
    {
        var markdown = Render(SampleChecks.Full());
        var doc = Markdown.Parse(markdown, Pipeline);
        var charts = doc.Descendants<FencedCodeBlock>().Where(b => b.Info == "mermaid").ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.StartsWith("xychart-beta", c.Lines.ToString(), StringComparison.Ordinal));
        Assert.Equal("ab?c? d?e", MermaidChart.Label("ab\"c] d`e", 20));
        Assert.Equal("??x??", MermaidChart.Label("%%x#;", 20));
    }

    [Fact]
    public void Hostile_text_renders_inert_and_html_only_comes_from_the_renderer()
    {
        var markdown = Render(SampleChecks.Huge());
        var doc = Markdown.Parse(markdown, Pipeline);
        Assert.DoesNotContain(doc.Descendants<LinkInline>(), l => !l.Url!.StartsWith("http", StringComparison.Ordinal));
        var html = Markdown.ToHtml(markdown, Pipeline);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>x", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_report_stays_under_the_comment_limit_and_points_to_the_full_report()
    {
        var options = new CheckMarkdownOptions { FullReportUrl = "https://github.com/o/r/actions/runs/42" };
        var markdown = Render(SampleChecks.Huge(), options);
        Assert.True(markdown.Length <= CheckMarkdownOptions.GitHubCommentLimit, $"{markdown.Length} characters");
        Assert.Contains("(<https://github.com/o/r/actions/runs/42>)", markdown, StringComparison.Ordinal);
        Assert.Contains("more in the full report", markdown, StringComparison.Ordinal);
        Assert.Equal(Count(markdown, "<details>"), Count(markdown, "</details>"));
        // Shortened, not cut: the later parts are still there.
        Assert.Contains("### Retraining", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(1500)]
    public void A_small_budget_cuts_at_a_line_and_closes_what_was_open(int max)
    {
        var markdown = Render(SampleChecks.Huge(), new CheckMarkdownOptions { MaxLength = max });
        Assert.True(markdown.Length <= max, $"{markdown.Length} > {max}");
        Assert.StartsWith(CheckMarkdownRenderer.Marker, markdown, StringComparison.Ordinal);
        Assert.Contains("Shortened to fit", markdown, StringComparison.Ordinal);
        Assert.Equal(0, Count(markdown, "```") % 2);
        Assert.True(Count(markdown, "<details>") <= Count(markdown, "</details>"));
    }

    [Fact]
    public void A_report_url_that_is_not_http_is_not_linked()
    {
        var markdown = Render(SampleChecks.Huge(), new CheckMarkdownOptions { FullReportUrl = "javascript:alert(1)" });
        Assert.DoesNotContain("javascript", markdown, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static string Inline(LeafBlock block) => string.Concat(block.Inline!.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static string Inline(TableCell cell) => string.Concat(cell.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
