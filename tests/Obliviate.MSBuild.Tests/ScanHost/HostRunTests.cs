using System.Text.Json;
using Obliviate.MSBuild.Protocol;
using Obliviate.MSBuild.ScanHost;
using Obliviate.Tests;
using Obliviate.Tests.Fixtures;

namespace Obliviate.MSBuild.Tests.ScanHost;

public sealed class HostRunTests
{
    private static (int Code, string[] Lines) Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = HostRun.Execute(args, output);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_shipped_malicious_pickle_is_an_error_naming_the_file_and_the_report_is_written()
    {
        using var dir = new TempFolder();
        dir.Write("models/model.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [2, 2] }));
        var evil = dir.Write("models/evil.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        var (code, lines) = Run("--root", dir.Path, "--report", dir["obj/scan.json"], "--file", "models/model.safetensors", "--file", evil);
        Assert.Equal(1, code);
        var error = Assert.Single(lines.Select(DiagnosticLine.TryParse).OfType<DiagnosticLine>());
        Assert.Equal((DiagnosticLevel.Error, "OBL001", evil), (error.Level, error.Code, error.File));
        Assert.StartsWith("obliviate: 2 shipped files scanned", lines[^1], StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(dir["obj/scan.json"]));
        Assert.Equal("scan", report.RootElement.GetProperty("kind").GetString());
        Assert.Equal("models/evil.pkl", report.RootElement.GetProperty("files")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void The_suppression_file_accepts_a_finding_with_its_reason()
    {
        using var dir = new TempFolder();
        dir.Write("models/evil.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        var suppressions = dir.Write(".obliviate-suppressions.json",
            """{"version":1,"suppressions":[{"ruleId":"OBL001","path":"models/*.pkl","reason":"a test fixture"}]}""");
        var (code, lines) = Run("--root", dir.Path, "--report", dir["obj/scan.json"], "--suppressions", suppressions, "--file", "models/evil.pkl");
        Assert.Equal(0, code);
        Assert.Equal(DiagnosticLevel.Note, DiagnosticLine.TryParse(lines[0])!.Level);
    }

    [Fact]
    public void A_scan_that_cannot_run_is_one_error_and_exit_2()
    {
        using var dir = new TempFolder();
        dir.Write("m.onnx", "x");
        var broken = dir.Write("s.json", """{"version":1,"suppressions":[{"ruleId":"OBL001","path":"*"}]}""");
        var (code, lines) = Run("--root", dir.Path, "--report", dir["obj/scan.json"], "--suppressions", broken, "--file", "m.onnx");
        Assert.Equal(2, code);
        var error = DiagnosticLine.TryParse(Assert.Single(lines))!;
        Assert.Equal((DiagnosticLevel.Error, DiagnosticCodes.ScanFailed), (error.Level, error.Code));
        Assert.Contains("reason", error.Text, StringComparison.Ordinal);
        Assert.Equal(2, Run("--root", dir.Path).Code);
    }
}
