using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obliviate.Reports.Check;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// A <c>check</c> report as SARIF 2.1.0 for GitHub code scanning: the scan's findings exactly as <see cref="SarifReportRenderer"/>
/// writes them, plus the probe's verdict as a result of its own stable rule (<see cref="BackdoorRuleId"/>) located on the
/// weights file, failed steps as tool-execution notifications, and the overall verdict in the run's properties. A folder
/// given as a relative path prefixes every location, so code scanning resolves them from the repository root.
/// </summary>
public static class CheckSarifRenderer
{
    /// <summary>The probe found a trigger that hijacks the encoder's output (backdoored: error; suspicious: warning).</summary>
    public const string BackdoorRuleId = "OBL100";

    public static RuleDescriptor BackdoorRule { get; } = new(BackdoorRuleId, "task-agnostic-backdoor-trigger", Severity.High,
        "The trigger probe found a token that hijacks the encoder's first-token output the way planted task-agnostic backdoor " +
        "triggers (POR, NeuBA) do, measured without task data (docs/reports.md \"check\").",
        "Do not fine-tune or deploy this encoder as it is. Retrain the PEFT modules with the Obliviate defense " +
        "(dotnet obliviate defend) and check the attack success rate, or use a model from a trusted source.");

    public static void Write(CheckReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var scan = report.Scan ?? new ScanReport { Target = report.Target, Verdict = Verdict.Skipped, Files = [], Rules = [] };
        scan = Rooted(WithProbeFinding(scan, report.Probe), report.Target);
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        SarifReportRenderer.Write(scan, sw);
        var log = JsonNode.Parse(sw.ToString())!.AsObject();
        var run = log["runs"]![0]!.AsObject();
        var invocation = run["invocations"]![0]!.AsObject();
        var failed = report.Steps.Where(s => s.Status == CheckStepStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            // The check did not finish every step it was asked for: the log must not read as a complete run.
            invocation["executionSuccessful"] = false;
            var notifications = invocation["toolExecutionNotifications"]!.AsArray();
            foreach (var step in failed)
            {
                notifications.Add(new JsonObject
                {
                    ["level"] = "error",
                    ["message"] = new JsonObject { ["text"] = $"{step.Name} failed: {step.Message}" },
                });
            }
        }
        var properties = run["properties"]!.AsObject();
        properties["target"] = report.Target;
        properties["verdict"] = report.Verdict.Word();
        properties["checks"] = new JsonArray([.. report.Checks.Select(c => (JsonNode)c)]);
        if (report.Probe is { } probe) properties["probeVerdict"] = probe.Verdict.Word();
        var json = log.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Write(ReportText.EscapeInvisibleInJson(json));
        writer.WriteLine();
    }

    /// <summary>Locations relative to the working folder check ran in (the repository root in a workflow) when the target is a relative folder.</summary>
    private static ScanReport Rooted(ScanReport scan, string target)
    {
        if (Path.IsPathRooted(target) || target.Contains("://", StringComparison.Ordinal) || target is "." or "./") return scan;
        var prefix = target.Replace('\\', '/').TrimEnd('/') + "/";
        while (prefix.StartsWith("./", StringComparison.Ordinal)) prefix = prefix[2..];
        return scan with { Target = ".", Files = [.. scan.Files.Select(f => f with { Path = prefix + f.Path })] };
    }

    /// <summary>
    /// The probe's verdict as a finding on the weights file (found by the hash the probe recorded; the fingerprint then
    /// follows the weights, not the path), so it gets rule metadata, a location and a stable fingerprint like any finding.
    /// </summary>
    private static ScanReport WithProbeFinding(ScanReport scan, ProbeReport? probe)
    {
        if (probe is null || probe.Verdict == ProbeVerdict.Clean) return scan;
        var top = probe.Candidates.Count > 0 ? probe.Candidates[0] : null;
        var finding = new Finding
        {
            RuleId = BackdoorRuleId,
            Severity = probe.Verdict == ProbeVerdict.Backdoored ? Severity.High : Severity.Medium,
            Message = top is null
                ? $"The trigger probe rates this encoder {probe.Verdict.Word()}."
                : string.Create(CultureInfo.InvariantCulture,
                    $"The trigger probe rates this encoder {probe.Verdict.Word()}: candidate '{top.Text}' scores {top.Score:F1} (backdoored at {probe.BackdooredThreshold:F1})."),
            Evidence = top?.Text,
            Advice = BackdoorRule.Advice,
        };
        var files = scan.Files.ToList();
        var index = files.FindIndex(f => probe.Model.WeightsSha256 is { } sha && f.Sha256 == sha);
        if (index < 0) index = files.FindIndex(f => f.Format == "safetensors");
        if (index < 0)
        {
            files.Add(new FileResult
            {
                Path = "model.safetensors", Size = 0, Sha256 = probe.Model.WeightsSha256 ?? "", Format = "safetensors",
                Verdict = probe.Verdict.ToVerdict(), Note = "not scanned; located by the probe",
            });
            index = files.Count - 1;
        }
        files[index] = files[index] with { Findings = [.. files[index].Findings, finding] };
        return scan with { Files = files, Rules = [.. scan.Rules.Where(r => r.Id != BackdoorRuleId), BackdoorRule] };
    }
}
