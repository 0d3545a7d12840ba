using System.Text.Json;
using Json.Schema;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Approvals;
using Obliviate.Tests;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class SarifReportRendererTests
{
    private static string Render(ScanReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        SarifReportRenderer.Write(report, sw);
        return sw.ToString();
    }

    /// <summary>A private registry per load: the library's global one refuses a second schema with the same $id.</summary>
    internal static JsonSchema LoadSchema() =>
        JsonSchema.FromText(File.ReadAllText(SharedData.Require("schemas/sarif-schema-2.1.0.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    [Fact]
    public void Mixed_report_matches_golden_file() => Approval.Verify("sarif-mixed", "sarif", Render(SampleReports.Mixed()));

    [SkippableTheory]
    [InlineData("mixed")]
    [InlineData("empty")]
    [InlineData("no-run")]
    public void Output_validates_against_the_SARIF_2_1_0_schema(string which)
    {
        var schema = LoadSchema();
        var report = which switch
        {
            "mixed" => SampleReports.Mixed(),
            "empty" => SampleReports.Empty(),
            _ => SampleReports.Mixed() with { Run = null, Target = "hf://owner/name@main", Rules = [] },
        };
        using var doc = JsonDocument.Parse(Render(report));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [SkippableFact]
    public void The_schema_check_itself_rejects_a_broken_log()
    {
        // Guards the test above against a schema that accepts everything.
        var schema = LoadSchema();
        var broken = Render(SampleReports.Mixed()).Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(broken);
        Assert.False(schema.Evaluate(doc.RootElement).IsValid);
    }

    [Fact]
    public void Results_carry_rule_level_relative_location_fingerprint_and_suppression()
    {
        using var doc = JsonDocument.Parse(Render(SampleReports.Mixed()));
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);

        var first = results[0];
        Assert.Equal("OBL001", first.GetProperty("ruleId").GetString());
        Assert.Equal("error", first.GetProperty("level").GetString());
        var location = first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("checkpoint/pytorch_model.bin", location.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        Assert.Equal("file:///data/models/demo/",
            run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());

        Assert.Equal("warning", results[1].GetProperty("level").GetString());
        Assert.Equal("note", results[3].GetProperty("level").GetString());
        Assert.Equal("odd%20dir/we%7Cird%20%5Bx%5D%28http%3Aevil%29.pkl",
            results[3].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")
                .GetProperty("uri").GetString());

        var suppression = results[2].GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("Reviewed modeling_x.py in PR 12.", suppression.GetProperty("justification").GetString());
        Assert.False(first.TryGetProperty("suppressions", out _));

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["OBL001", "OBL002", "OBL020"], rules.Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal(1, results[1].GetProperty("ruleIndex").GetInt32());

        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        Assert.Single(notes);
        Assert.Contains("extra/weights.7z", notes[0].GetProperty("message").GetProperty("text").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_follow_the_file_hash_not_the_path()
    {
        var report = SampleReports.Mixed();
        var file = report.Files[0];
        var finding = file.Findings[0];
        var fp = SarifReportRenderer.Fingerprint(file, finding);
        Assert.Equal(fp, SarifReportRenderer.Fingerprint(file with { Path = "renamed.bin" }, finding));
        Assert.NotEqual(fp, SarifReportRenderer.Fingerprint(file with { Sha256 = new string('f', 64) }, finding));
        Assert.NotEqual(fp, SarifReportRenderer.Fingerprint(file, file.Findings[1]));
        Assert.Matches("^[0-9a-f]{64}$", fp);
    }

    [Fact]
    public void A_finding_whose_rule_is_not_described_still_gets_a_rule_entry()
    {
        var report = SampleReports.Mixed() with { Rules = [] };
        using var doc = JsonDocument.Parse(Render(report));
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(3, rules.GetArrayLength());
    }
}
