using Obliviate.Reports.Json;
using System.Text.Json;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Approvals;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class JsonReportRendererTests
{
    private static string Render(ScanReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        ReportJson.Write<ScanReport>(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Mixed_report_matches_golden_file() => Approval.Verify("json-mixed", "json", Render(SampleReports.Mixed()));

    [Fact]
    public void Carries_the_keys_the_issue_requires_with_lower_case_words()
    {
        using var doc = JsonDocument.Parse(Render(SampleReports.Mixed()));
        var root = doc.RootElement;
        Assert.Equal("dangerous", root.GetProperty("verdict").GetString());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(5, files.Count);
        Assert.Equal("checkpoint/pytorch_model.bin", files[0].GetProperty("path").GetString());
        Assert.Equal("dangerous", files[0].GetProperty("verdict").GetString());
        Assert.Equal("inconclusive", files[3].GetProperty("verdict").GetString());
        var finding = files[0].GetProperty("findings")[0];
        Assert.Equal("OBL001", finding.GetProperty("rule_id").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("Pickle imports posix.system.", finding.GetProperty("message").GetString());
        Assert.Equal(97, finding.GetProperty("offset").GetInt64());
        // Null members are omitted rather than written as null.
        Assert.False(files[2].TryGetProperty("note", out _));
        var suppressed = files[1].GetProperty("findings")[0].GetProperty("suppression");
        Assert.Equal("Reviewed modeling_x.py in PR 12.", suppressed.GetProperty("reason").GetString());
        Assert.Equal("OBL001", root.GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.Equal("critical", root.GetProperty("rules")[0].GetProperty("default_severity").GetString());
    }

    [Theory]
    [InlineData(Verdict.Clean, "clean")]
    [InlineData(Verdict.Suspicious, "suspicious")]
    [InlineData(Verdict.Dangerous, "dangerous")]
    [InlineData(Verdict.Inconclusive, "inconclusive")]
    [InlineData(Verdict.Skipped, "skipped")]
    public void Every_verdict_is_written_as_its_word(Verdict verdict, string word)
    {
        using var doc = JsonDocument.Parse(Render(SampleReports.Empty() with { Verdict = verdict }));
        Assert.Equal(word, doc.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Invisible_characters_from_a_file_are_escaped_but_round_trip()
    {
        var json = Render(SampleReports.Mixed());
        Assert.DoesNotContain('\u202e', json);
        Assert.DoesNotContain('\u001b', json);
        Assert.Contains("\\u202E", json, StringComparison.Ordinal);
        Assert.Equal("evil\u001b[31m.red\u202egnp", ReportJson.Read<ScanReport>(json, "report.json").Files[4].Findings[0].Evidence);
    }

    [Fact]
    public void Read_returns_an_equal_report()
    {
        var json = Render(SampleReports.Mixed());
        var back = ReportJson.Read<ScanReport>(json, "report.json");
        Assert.Equal(json, Render(back));
        Assert.Equal(SampleReports.Mixed().Run, back.Run);
        Assert.Equal(SampleReports.Mixed().Files[0].Findings[0], back.Files[0].Findings[0]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"target\":\"x\",\"verdict\":\"evil\",\"files\":[],\"rules\":[]}")]
    [InlineData("{\"target\":\"x\",\"verdict\":3,\"files\":[],\"rules\":[]}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void Read_rejects_what_is_not_a_report(string json) =>
        Assert.Throws<InvalidDataException>(() => ReportJson.Read<ScanReport>(json, "report.json"));
}
