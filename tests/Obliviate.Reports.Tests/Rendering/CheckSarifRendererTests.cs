using System.Text.Json;
using Json.Schema;
using Obliviate.Reports.Check;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;
using Obliviate.Reports.Rendering;
using Obliviate.Reports.Tests.Check;

namespace Obliviate.Reports.Tests.Rendering;

public sealed class CheckSarifRendererTests
{
    private static string Render(CheckReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        CheckSarifRenderer.Write(report, sw);
        return sw.ToString();
    }

    [SkippableTheory]
    [InlineData("full")]
    [InlineData("probe-unavailable")]
    [InlineData("probe-only")]
    public void Output_validates_against_the_SARIF_2_1_0_schema(string which)
    {
        var schema = SarifReportRendererTests.LoadSchema();
        var report = which switch
        {
            "full" => SampleChecks.Full(),
            "probe-unavailable" => SampleChecks.ProbeUnavailable(),
            _ => SampleChecks.Full() with { Scan = null, Checks = ["probe"] },
        };
        using var doc = JsonDocument.Parse(Render(report));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void The_backdoor_verdict_is_a_result_on_the_weights_file_with_a_stable_rule()
    {
        using var doc = JsonDocument.Parse(Render(SampleChecks.Full()));
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(CheckSarifRenderer.BackdoorRuleId, rules);
        Assert.Contains("OBL001", rules);
        var backdoor = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == CheckSarifRenderer.BackdoorRuleId);
        Assert.Equal("error", backdoor.GetProperty("level").GetString());
        // Relative target: locations are prefixed so code scanning resolves them from the repository root.
        Assert.Equal("models/backdoored/model.safetensors",
            backdoor.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("dangerous", run.GetProperty("properties").GetProperty("verdict").GetString());
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void A_suspicious_probe_is_a_warning_and_a_clean_one_no_result()
    {
        var suspicious = SampleChecks.Full() with { Probe = SampleChecks.Probe(ProbeVerdict.Suspicious) };
        using (var doc = JsonDocument.Parse(Render(suspicious)))
        {
            var r = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == CheckSarifRenderer.BackdoorRuleId);
            Assert.Equal("warning", r.GetProperty("level").GetString());
        }
        var clean = SampleChecks.Full() with { Probe = SampleChecks.Probe(ProbeVerdict.Clean) };
        Assert.DoesNotContain(CheckSarifRenderer.BackdoorRuleId + "\"", Render(clean).Replace("\"id\": \"OBL100\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_step_is_an_error_notification_and_the_run_did_not_succeed()
    {
        using var doc = JsonDocument.Parse(Render(SampleChecks.ProbeUnavailable()));
        var invocation = doc.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var note = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Last();
        Assert.Equal("error", note.GetProperty("level").GetString());
        Assert.Equal("probe failed: probe: not built into this version", note.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("inconclusive", doc.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("verdict").GetString());
    }

    [Fact]
    public void Fingerprints_follow_the_weights_not_the_folder_name()
    {
        string Fingerprint(CheckReport r)
        {
            using var doc = JsonDocument.Parse(Render(r));
            return doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Single(x => x.GetProperty("ruleId").GetString() == CheckSarifRenderer.BackdoorRuleId)
                .GetProperty("partialFingerprints").GetProperty("obliviateFinding/v1").GetString()!;
        }
        Assert.Equal(Fingerprint(SampleChecks.Full()), Fingerprint(SampleChecks.Full() with { Target = "elsewhere/model" }));
    }
}
