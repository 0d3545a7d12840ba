using System.Text;
using System.Text.RegularExpressions;
using Obliviate.Reports.Check;
using Obliviate.Reports.Html;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Check;

namespace Obliviate.Reports.Tests.Rendering;

public sealed partial class CheckHtmlRendererTests
{
    private static string Render(CheckReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        CheckHtmlRenderer.Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void One_self_contained_file_with_tables_and_both_charts_as_svg_images()
    {
        var html = Render(SampleChecks.Full());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        var images = SvgImage().Matches(html).Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, svg => Assert.Contains("<svg", svg, StringComparison.Ordinal));
        // Nothing is fetched: no script, no remote source, and the mermaid source is replaced by the charts.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("xychart-beta", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_text_is_escaped_and_every_row_is_kept()
    {
        var report = SampleChecks.Huge();
        var html = Render(report);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("shard-2999/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Shortened to fit", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_retraining_or_histogram_there_are_no_charts()
    {
        var html = Render(SampleChecks.ProbeUnavailable());
        Assert.Empty(SvgImage().Matches(html));
        Assert.Contains("not built into this version", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex SvgImage();
}
