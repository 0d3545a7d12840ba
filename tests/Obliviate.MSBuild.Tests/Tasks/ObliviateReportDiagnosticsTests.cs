extern alias tasks;
using Obliviate.Tests;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ObliviateReportDiagnosticsTests
{
    [Fact]
    public void The_last_scan_is_logged_again_under_the_projects_current_policy()
    {
        using var dir = new TempFolder();
        var file = dir.Write("diagnostics.txt",
            "/app/m/evil.pkl: error OBL001: calls os.system (critical)\n/app/m/config.json: warning OBL030: auto_map (medium)\nnot a diagnostic\n");
        var engine = new FakeBuildEngine();
        Assert.False(new ObliviateReportDiagnostics { BuildEngine = engine, DiagnosticsFile = file, NoWarn = "OBL030" }.Execute());
        Assert.Equal(("OBL001", "/app/m/evil.pkl", "calls os.system (critical)"), (engine.Errors[0].Code, engine.Errors[0].File, engine.Errors[0].Message));
        Assert.Empty(engine.Warnings);

        var promoted = new FakeBuildEngine();
        new ObliviateReportDiagnostics { BuildEngine = promoted, DiagnosticsFile = file, TreatWarningsAsErrors = true }.Execute();
        Assert.Equal(["OBL001", "OBL030"], promoted.Errors.Select(e => e.Code));
    }

    [Fact]
    public void A_missing_result_fails_closed()
    {
        var engine = new FakeBuildEngine();
        Assert.False(new ObliviateReportDiagnostics { BuildEngine = engine, DiagnosticsFile = "/nonexistent/diagnostics.txt" }.Execute());
        Assert.Equal("OBL901", Assert.Single(engine.Errors).Code);
    }
}
