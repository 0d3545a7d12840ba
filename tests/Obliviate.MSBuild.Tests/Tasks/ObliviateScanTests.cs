extern alias tasks;
using Microsoft.Build.Utilities;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ObliviateScanTests
{
    private static ObliviateScan Task(FakeBuildEngine engine, string hostPath) => new()
    {
        BuildEngine = engine,
        Models = [new TaskItem("/app/models/a b.onnx"), new TaskItem("/app/models/config.json"), new TaskItem("/app/models/a b.onnx")],
        ProjectDirectory = "/app",
        ScanHostPath = hostPath,
        ReportFile = "/app/obj/obliviate/scan.json",
        DiagnosticsFile = "/app/obj/obliviate/diagnostics.txt",
        FailOn = "medium",
        Strict = true,
        Suppressions = "/app/.obliviate-suppressions.json",
    };

    [Fact]
    public void The_host_gets_one_option_or_value_per_line_and_each_model_once()
    {
        var args = Task(new FakeBuildEngine(), "/pkg/host.dll").HostArguments().ToList();
        Assert.Equal(
        [
            "--root", "/app", "--report", "/app/obj/obliviate/scan.json", "--fail-on", "medium", "--strict",
            "--suppressions", "/app/.obliviate-suppressions.json",
            "--file", Path.GetFullPath("/app/models/a b.onnx"), "--file", Path.GetFullPath("/app/models/config.json"),
        ], args);
    }

    [Fact]
    public void A_missing_scan_host_fails_closed_with_OBL901()
    {
        var engine = new FakeBuildEngine();
        Assert.False(Task(engine, "/nonexistent/Obliviate.MSBuild.ScanHost.dll").Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("OBL901", "/work/app/App.csproj"), (error.Code, error.File));
        Assert.Contains("restore the Obliviate.MSBuild package", error.Message, StringComparison.Ordinal);
    }
}
