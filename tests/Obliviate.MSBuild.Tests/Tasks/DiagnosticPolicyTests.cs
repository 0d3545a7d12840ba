extern alias tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using tasks::Obliviate.MSBuild.Protocol;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class DiagnosticPolicyTests
{
    private static FakeBuildEngine Log(bool warningsAsErrors, string noWarn, params DiagnosticLine[] lines)
    {
        var engine = new FakeBuildEngine();
        var helper = new TaskLoggingHelper(engine, "ObliviateScan");
        var policy = new DiagnosticPolicy(helper, warningsAsErrors, noWarn);
        foreach (var line in lines) policy.Log(line, engine.ProjectFileOfTaskNode);
        return engine;
    }

    private static readonly DiagnosticLine Warning030 = new(DiagnosticLevel.Warning, "OBL030", "/app/m/config.json", "auto_map names custom code");
    private static readonly DiagnosticLine Error001 = new(DiagnosticLevel.Error, "OBL001", "/app/m/evil.pkl", "calls os.system");

    [Fact]
    public void Diagnostics_carry_the_rule_id_as_code_and_the_file()
    {
        var engine = Log(false, "", Warning030, Error001, new DiagnosticLine(DiagnosticLevel.Error, "OBL901", null, "host failed"));
        Assert.Equal(("OBL030", "/app/m/config.json"), (engine.Warnings[0].Code, engine.Warnings[0].File));
        Assert.Equal([("OBL001", "/app/m/evil.pkl"), ("OBL901", "/work/app/App.csproj")], engine.Errors.Select(e => (e.Code, e.File)));
    }

    [Fact]
    public void NoWarn_turns_a_warning_into_a_message_but_never_silences_an_error()
    {
        var engine = Log(false, "CS1591; obl030 ,OBL001", Warning030, Error001);
        Assert.Empty(engine.Warnings);
        Assert.Equal("OBL001", Assert.Single(engine.Errors).Code);
        Assert.Contains(engine.Messages, m => m.Code == "OBL030" && m.Message!.StartsWith("(NoWarn)", StringComparison.Ordinal));
    }

    [Fact]
    public void Warnings_as_errors_promotes_what_NoWarn_left()
    {
        Assert.Equal(["OBL030", "OBL001"], Log(true, "", Warning030, Error001).Errors.Select(e => e.Code));
        var silenced = Log(true, "OBL030", Warning030);
        Assert.Empty(silenced.Errors);
        Assert.Equal(MessageImportance.Normal, Assert.Single(silenced.Messages).Importance);
    }
}
