using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;
using Obliviate.Tests;

namespace Obliviate.Reports.Tests.Rendering;

/// <summary>The committed schemas in docs/schemas/ are the ones the records export, and real reports validate against them.</summary>
public sealed class ReportSchemasTests
{
    private static string SchemaPath(string kind) => Path.Combine(SharedData.RepoRoot, "docs", "schemas", $"{kind}.schema.json");

    [Theory]
    [InlineData("scan")]
    [InlineData("inspection")]
    [InlineData("evaluation")]
    [InlineData("attack")]
    [InlineData("probe")]
    [InlineData("check")]
    public void Committed_schema_matches_the_records(string kind)
    {
        var exported = ReportSchemas.Schema(kind).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = SchemaPath(kind);
        if (!File.Exists(path) || File.ReadAllText(path) != exported)
        {
            File.WriteAllText(path + ".received", exported);
            Assert.Fail($"{path} is out of date: review {path}.received and rename it (and bump Report.CurrentSchemaVersion if a field changed meaning or was removed).");
        }
    }

    [Fact]
    public void A_scan_report_validates_against_its_schema()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath("scan")));
        using var doc = JsonDocument.Parse(ReportJson.Serialize(SampleReports.Mixed()));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
        // And the schema is not vacuous: a report without its verdict fails.
        var broken = JsonNode.Parse(ReportJson.Serialize(SampleReports.Mixed()))!.AsObject();
        broken.Remove("verdict");
        using var brokenDoc = JsonDocument.Parse(broken.ToJsonString());
        Assert.False(schema.Evaluate(brokenDoc.RootElement).IsValid);
    }

    [Fact]
    public void A_check_report_validates_against_its_schema_and_round_trips()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath("check")));
        var json = ReportJson.Serialize(Check.SampleChecks.Full());
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
        Assert.Equal("dangerous", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(json, ReportJson.Serialize(ReportJson.Read<Reports.Check.CheckReport>(json, "test")));
    }

    [Fact]
    public void Every_report_starts_with_schema_version_and_kind()
    {
        var doc = JsonNode.Parse(ReportJson.Serialize(SampleReports.Mixed()))!.AsObject();
        Assert.Equal(["schema_version", "kind"], doc.Select(p => p.Key).Take(2));
        Assert.Equal(Report.CurrentSchemaVersion, doc["schema_version"]!.GetValue<int>());
    }
}
