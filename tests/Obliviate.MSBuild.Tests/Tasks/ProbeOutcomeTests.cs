extern alias tasks;
using tasks::Obliviate.MSBuild.Protocol;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ProbeOutcomeTests
{
    private const string Backdoored = """{"schema_version":1,"kind":"probe","model":{"name":"m"},"verdict":"backdoored","candidates":[{"text":"cf","score":0.97}]}""";

    private static DiagnosticLine Judge(int exit, string report, bool strict = false, string errors = "") =>
        ProbeOutcome.Judge(exit, report, errors, "/app/m/config.json", "/app/obj/probe.json", strict);

    [Fact]
    public void A_backdoored_report_is_an_error_naming_the_top_candidate()
    {
        var line = Judge(1, Backdoored);
        Assert.Equal((DiagnosticLevel.Error, DiagnosticCodes.ProbeVerdict, "/app/m/config.json"), (line.Level, line.Code, line.File));
        Assert.Contains("backdoored; top candidate trigger \"cf\"", line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_1_without_a_probe_report_is_a_run_that_could_not_judge()
    {
        // `dotnet` exits 1 when it cannot run the tool (e.g. a local tool not restored): that is no verdict.
        var line = Judge(1, "", errors: "Run \"dotnet tool restore\" to make the \"dotnet-obliviate\" command available.");
        Assert.Equal((DiagnosticLevel.Warning, DiagnosticCodes.ProbeFailed), (line.Level, line.Code));
        Assert.Contains("dotnet tool restore", line.Text, StringComparison.Ordinal);
        Assert.Equal(DiagnosticLevel.Error, Judge(1, "", strict: true).Level);
        Assert.Equal(DiagnosticLevel.Warning, Judge(1, Backdoored.Replace("\"kind\":\"probe\"", "\"kind\":\"scan\"", StringComparison.Ordinal)).Level);
    }

    [Theory]
    [InlineData(0, "suspicious", "Warning")]
    [InlineData(0, "clean", "Note")]
    [InlineData(3, "", "Note")]
    [InlineData(2, "", "Warning")]
    [InlineData(4, "", "Warning")]
    [InlineData(-1, "", "Warning")]
    public void Other_exit_codes_and_verdicts(int exit, string verdict, string expected) =>
        Assert.Equal(Enum.Parse<DiagnosticLevel>(expected), Judge(exit, verdict.Length == 0 ? "" : $$"""{"kind":"probe","verdict":"{{verdict}}"}""").Level);
}
