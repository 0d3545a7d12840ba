using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Approvals;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class TableReportRendererTests
{
    private static string Render(Obliviate.Reports.Model.ScanReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        TableReportRenderer.Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Mixed_report_matches_golden_file() => Approval.Verify("table-mixed", "txt", Render(SampleReports.Mixed()));

    [Fact]
    public void Empty_report_matches_golden_file() => Approval.Verify("table-empty", "txt", Render(SampleReports.Empty()));

    [Fact]
    public void Terminal_control_characters_from_a_file_never_reach_the_output()
    {
        var text = Render(SampleReports.Mixed());
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains("evil\\u001b[31m.red\\u202egnp", text);
    }

    [Fact]
    public void Columns_line_up_and_no_line_has_trailing_blanks()
    {
        var lines = Render(SampleReports.Mixed()).Split('\n');
        var header = lines.Single(l => l.StartsWith("FILE", StringComparison.Ordinal));
        var ruleColumn = header.IndexOf("RULE", StringComparison.Ordinal);
        foreach (var row in lines.Where(l => l.Contains("OBL0", StringComparison.Ordinal)))
        {
            Assert.Equal("OBL0", row.Substring(ruleColumn, 4));
        }
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }
}
