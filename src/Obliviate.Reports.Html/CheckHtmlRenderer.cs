using System.Net;
using System.Text;
using Markdig;
using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;

namespace Obliviate.Reports.Html;

/// <summary>
/// A <c>check</c> report as one self-contained HTML file: the Markdown page (every row, no length limit) rendered with
/// Markdig, plus the charts as SVG images in <c>data:</c> URIs. A content security policy forbids scripts and every
/// outside fetch, so the file is safe to open from an artifact even if a report quotes hostile text (which the Markdown
/// escapes in any case).
/// </summary>
public static class CheckHtmlRenderer
{
    private const string Style =
        "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2328}" +
        "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top}" +
        "th{background:#f6f8fa}code{background:#f6f8fa;padding:0 3px}figure{margin:1em 0}img{max-width:100%}" +
        "details{margin:.5em 0}summary{cursor:pointer}";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static void Write(CheckReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var markdown = new StringWriter { NewLine = "\n" };
        CheckMarkdownRenderer.Write(report, markdown, new CheckMarkdownOptions { MaxLength = int.MaxValue, MaxRows = 100_000, Mermaid = false });
        var title = WebUtility.HtmlEncode($"Obliviate check of {ReportText.Visible(report.Target)}: {report.Verdict.ToString().ToLowerInvariant()}");
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        writer.Write($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        writer.Write(Markdown.ToHtml(markdown.ToString(), Pipeline));
        var charts = new[]
        {
            (Svg: CheckCharts.FlipRates(report), Alt: "Flip rate per trigger, before and after retraining"),
            (Svg: CheckCharts.ProbeScores(report.Probe), Alt: "Probe score distribution with thresholds"),
        }.Where(c => c.Svg is not null).ToList();
        if (charts.Count > 0)
        {
            writer.Write("<h3>Charts</h3>\n");
            foreach (var (svg, alt) in charts)
            {
                var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg!));
                writer.Write($"<figure><img alt=\"{alt}\" src=\"data:image/svg+xml;base64,{data}\"><figcaption>{alt}</figcaption></figure>\n");
            }
        }
        writer.Write("</body>\n</html>\n");
    }
}
