using Obliviate.MSBuild.Protocol;
using Obliviate.MSBuild.ScanHost;
using Obliviate.Reports.Model;

namespace Obliviate.MSBuild.Tests.ScanHost;

public sealed class BuildDiagnosticsTests
{
    private const string Root = "/app";

    private static Finding F(string rule, Severity severity, Suppression? suppression = null) =>
        new() { RuleId = rule, Severity = severity, Message = $"{rule} message", Evidence = "os.system", InnerPath = "archive/data.pkl", Offset = 7, Suppression = suppression };

    private static FileResult File(string path, Verdict verdict, params Finding[] findings) =>
        new() { Path = path, Size = 1, Sha256 = new string('0', 64), Format = "pickle", Verdict = verdict, Findings = findings };

    private static ScanReport Report(params FileResult[] files) =>
        new() { Target = Root, Verdict = Verdicts.Combine(files.Select(f => f.Verdict)), Files = files, Rules = [] };

    private static IReadOnlyList<DiagnosticLine> Lines(ScanReport report, Severity failOn = Severity.High, bool strict = false) =>
        BuildDiagnostics.From(report, Root, failOn, strict);

    [Fact]
    public void Findings_at_or_above_fail_on_are_errors_medium_below_is_a_warning_low_a_note()
    {
        var lines = Lines(Report(File("models/m.pkl", Verdict.Dangerous,
            F("OBL001", Severity.Critical), F("OBL006", Severity.High), F("OBL012", Severity.Medium), F("OBL013", Severity.Low))));
        Assert.Equal([DiagnosticLevel.Error, DiagnosticLevel.Error, DiagnosticLevel.Warning, DiagnosticLevel.Note], lines.Select(l => l.Level));
        Assert.All(lines, l => Assert.Equal(Path.GetFullPath("/app/models/m.pkl"), l.File));
        Assert.Equal("OBL001 message (critical, os.system, in archive/data.pkl, at byte 7)", lines[0].Text);
    }

    [Fact]
    public void Fail_on_moves_the_line_between_warnings_and_errors()
    {
        var report = Report(File("c/config.json", Verdict.Suspicious, F("OBL030", Severity.Medium)));
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(Lines(report, Severity.Medium)).Level);
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(Lines(report, Severity.Low)).Level);
        Assert.Equal(DiagnosticLevel.Warning, Assert.Single(Lines(report, Severity.Critical)).Level);
    }

    [Fact]
    public void A_dangerous_file_fails_at_the_default_threshold_even_when_its_findings_are_rated_lower()
    {
        var lines = Lines(Report(File("m.pkl", Verdict.Dangerous, F("OBL012", Severity.Medium), F("OBL013", Severity.Low))));
        Assert.Equal([DiagnosticLevel.Error, DiagnosticLevel.Note], lines.Select(l => l.Level));
    }

    [Fact]
    public void A_suppressed_finding_is_a_note_with_its_reason()
    {
        var line = Assert.Single(Lines(Report(File("m.pkl", Verdict.Clean, F("OBL001", Severity.Critical, new Suppression("our own file", ".obliviate-suppressions.json"))))));
        Assert.Equal(DiagnosticLevel.Note, line.Level);
        Assert.EndsWith("(suppressed by .obliviate-suppressions.json: our own file)", line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unread_file_is_a_warning_and_an_error_when_strict()
    {
        var report = Report(File("m.onnx", Verdict.Inconclusive) with { Note = "member is encrypted" });
        var relaxed = Assert.Single(Lines(report));
        Assert.Equal((DiagnosticLevel.Warning, DiagnosticCodes.Inconclusive), (relaxed.Level, relaxed.Code));
        Assert.Contains("member is encrypted", relaxed.Text, StringComparison.Ordinal);
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(Lines(report, strict: true)).Level);
    }

    [Fact]
    public void Clean_and_skipped_files_say_nothing() =>
        Assert.Empty(Lines(Report(File("m.safetensors", Verdict.Clean), File("vocab.txt", Verdict.Skipped))));
}
