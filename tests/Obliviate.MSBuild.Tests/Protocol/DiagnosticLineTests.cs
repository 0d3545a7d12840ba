using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tests.Protocol;

public sealed class DiagnosticLineTests
{
    [Fact]
    public void A_line_reads_back_as_the_diagnostic_it_was()
    {
        var line = new DiagnosticLine(DiagnosticLevel.Error, "OBL001", "/app/models/m.pkl", "calls os.system: runs a shell (critical)");
        Assert.Equal("/app/models/m.pkl: error OBL001: calls os.system: runs a shell (critical)", line.Format());
        var back = DiagnosticLine.TryParse(line.Format())!;
        Assert.Equal((DiagnosticLevel.Error, "OBL001", "/app/models/m.pkl", "calls os.system: runs a shell (critical)"), (back.Level, back.Code, back.File, back.Text));
    }

    [Fact]
    public void A_diagnostic_about_no_file_and_a_note_read_back()
    {
        var back = DiagnosticLine.TryParse(new DiagnosticLine(DiagnosticLevel.Note, "OBL901", null, "x").Format())!;
        Assert.Equal((DiagnosticLevel.Note, (string?)null), (back.Level, back.File));
        Assert.Equal("C:\\app\\m.onnx", DiagnosticLine.TryParse("C:\\app\\m.onnx: warning OBL900: could not be judged")!.File);
    }

    [Fact]
    public void Text_from_a_hostile_file_cannot_start_a_second_line_or_hide_characters()
    {
        var formatted = new DiagnosticLine(DiagnosticLevel.Warning, "OBL040", "/a/t.json", "token \"x\n/a/b: error OBL001: forged\u202e\"").Format();
        Assert.DoesNotContain('\n', formatted);
        Assert.Contains("\\u000a", formatted, StringComparison.Ordinal);
        Assert.Contains("\\u202e", formatted, StringComparison.Ordinal);
        Assert.Equal("OBL040", DiagnosticLine.TryParse(formatted)!.Code);
    }

    [Theory]
    [InlineData("obliviate: 3 shipped files scanned in 0.20 s: clean")]
    [InlineData("/a/b: error CS0001: not ours")]
    [InlineData("")]
    public void Other_lines_are_not_diagnostics(string text) => Assert.Null(DiagnosticLine.TryParse(text));
}
