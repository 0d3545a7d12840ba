using System.Text.Json;
using Obliviate.Tests;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Report;

public sealed class ReportCommandTests
{
    [Fact]
    public void Merge_writes_one_summary_with_the_worst_verdict_first()
    {
        using var world = new TinyModelFolder();
        var clean = Path.Combine(world.Root, "clean");
        Assert.Equal(ExitCodes.Ok, ToolRun.Run("check", world.ModelDir, "--checks", "scan", "-o", clean).Code);
        File.WriteAllBytes(Path.Combine(world.ModelDir, "pytorch_model.bin"),
            [0x80, 0x02, .. "cposix\nsystem\n"u8.ToArray(), 0x58, 2, 0, 0, 0, (byte)'i', (byte)'d', 0x85, 0x52, 0x2e]);
        var dangerous = Path.Combine(world.Root, "dangerous");
        Assert.Equal(ExitCodes.Findings, ToolRun.Run("check", world.ModelDir, "--checks", "scan", "-o", dangerous).Code);

        var summary = Path.Combine(world.Root, "summary");
        var (code, _, _) = ToolRun.Run("report", "merge", Path.Combine(clean, "report.json"), Path.Combine(dangerous, "report.json"), "-o", summary);
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(summary, "summary.json")));
        Assert.Equal("check-summary", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("dangerous", json.RootElement.GetProperty("verdict").GetString());
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["dangerous", "clean"], models.Select(m => m.GetProperty("verdict").GetString()));
        var markdown = File.ReadAllText(Path.Combine(summary, "summary.md"));
        Assert.StartsWith(Reports.Rendering.CheckSummaryMarkdownRenderer.Marker, markdown, StringComparison.Ordinal);
        Assert.Equal(2, markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(world.ModelDir, StringComparison.Ordinal)));

        var (printed, stdout, _) = ToolRun.Run("report", "merge", Path.Combine(clean, "report.json"), "--format", "json");
        Assert.Equal(ExitCodes.Ok, printed);
        Assert.Contains("\"kind\": \"check-summary\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_a_report_of_another_kind_exits_2()
    {
        using var temp = new TempFolder();
        var scan = temp.Write("scan.json", """{"schema_version":1,"kind":"scan","target":"x","verdict":"clean","files":[],"rules":[]}""");
        var (code, _, error) = ToolRun.Run("report", "merge", scan);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("not a CheckReport", error, StringComparison.Ordinal);
    }
}
