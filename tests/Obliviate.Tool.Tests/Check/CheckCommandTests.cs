using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using Obliviate.Reports.Check;
using Obliviate.Reports.Json;
using Obliviate.Reports.Rendering;
using Obliviate.Tests;
using Obliviate.Tool.Pipeline;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Check;

[Collection(DefendCollection.Name)]
public sealed class CheckCommandTests
{
    private static (int Code, string Out, string Error) Run(Dictionary<string, string?> environment, params string[] args) =>
        ToolRun.Run(console => Commands.Check.CheckCommand.Create(console, name => environment.GetValueOrDefault(name)), args);

    [Fact]
    public void The_embedded_minilm_is_checked_by_default_and_every_report_format_is_written()
    {
        using var temp = new TempFolder();
        var summary = temp.Write("summary.md", "# earlier step\n");
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_RUN_ID"] = "7",
        };
        // Its time (≤ 3 minutes on 2 cores) is a benchmark figure, not asserted here: a loaded test machine would fail it.
        var (code, stdout, _) = Run(env, "check", "-o", temp["out"]);
        foreach (var name in CheckOutput.FileNames.Values) Assert.True(File.Exists(temp[$"out/{name}"]), name);
        using var json = JsonDocument.Parse(File.ReadAllText(temp["out/report.json"]));
        Assert.Equal("check", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("minilm", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("clean", json.RootElement.GetProperty("scan").GetProperty("verdict").GetString());
        // The clean embedded model passes both the scan and the trigger probe.
        Assert.Equal("clean", json.RootElement.GetProperty("probe").GetProperty("verdict").GetString());
        Assert.Equal("clean", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("clean", stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllText(temp["out/report.md"]);
        Assert.True(markdown.Length < CheckMarkdownOptions.GitHubCommentLimit);
        Assert.NotEmpty(Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()).Descendants<HeadingBlock>());
        Assert.Equal("# earlier step\n" + markdown + "\n", File.ReadAllText(summary));
    }

    [SkippableFact]
    public void The_sarif_file_validates_against_the_SARIF_2_1_0_schema()
    {
        var schemaPath = SharedData.Require("schemas/sarif-schema-2.1.0.json");
        using var world = new TinyModelFolder();
        var (code, _, _) = Run([], "check", world.ModelDir, "--checks", "scan", "-o", Path.Combine(world.Root, "out"));
        Assert.Equal(ExitCodes.Ok, code);
        var schema = Json.Schema.JsonSchema.FromText(File.ReadAllText(schemaPath), new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(world.Root, "out", "report.sarif")));
        Assert.True(schema.Evaluate(sarif.RootElement).IsValid);
    }

    [Fact]
    public void A_scan_only_check_of_a_clean_folder_exits_0()
    {
        using var world = new TinyModelFolder();
        var (code, stdout, _) = Run([], "check", world.ModelDir, "--checks", "scan", "-o", Path.Combine(world.Root, "out"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("CLEAN", stdout, StringComparison.Ordinal);
        var report = ReportJson.Read<CheckReport>(File.ReadAllText(Path.Combine(world.Root, "out", "report.json")), "report.json");
        Assert.Equal(["scan"], report.Checks);
    }

    [Fact]
    public void A_pickle_bomb_stops_the_check_before_the_weights_load_and_exits_1()
    {
        using var world = new TinyModelFolder();
        // protocol 2: GLOBAL posix system, the string, TUPLE1, REDUCE, STOP: what a malicious pytorch_model.bin runs on load.
        File.WriteAllBytes(Path.Combine(world.ModelDir, "pytorch_model.bin"),
            [0x80, 0x02, .. "cposix\nsystem\n"u8.ToArray(), 0x58, 2, 0, 0, 0, (byte)'i', (byte)'d', 0x85, 0x52, 0x2e]);
        var (code, _, _) = Run([], "check", world.ModelDir, "--train", world.TrainPath, "--eval", world.EvalPath, "-o", Path.Combine(world.Root, "out"));
        Assert.Equal(ExitCodes.Findings, code);
        var report = ReportJson.Read<CheckReport>(File.ReadAllText(Path.Combine(world.Root, "out", "report.json")), "report.json");
        Assert.Equal(Reports.Model.Verdict.Dangerous, report.Verdict);
        Assert.All(report.Steps.Skip(1), s => Assert.Equal(CheckStepStatus.Skipped, s.Status));
        Assert.False(Directory.Exists(Path.Combine(world.Root, "out", "adapter")));
    }

    [Fact]
    public void With_training_data_the_baseline_and_the_defense_are_trained_and_compared()
    {
        using var world = new TinyModelFolder();
        var output = Path.Combine(world.Root, "out");
        var (code, stdout, error) = Run([], "check", world.ModelDir, "--checks", "scan,defend", "--train", world.TrainPath, "--eval", world.EvalPath,
            "--lr", "2e-3", "--epochs", "1", "--max-steps", "2", "--device", "cpu", "-o", output);
        Assert.True(code is ExitCodes.Ok or ExitCodes.Error, stdout + error);
        var report = ReportJson.Read<CheckReport>(File.ReadAllText(Path.Combine(output, "report.json")), "report.json");
        Assert.Equal(["scan", "probe", "baseline", "defend"], report.Steps.Select(s => s.Name));
        Assert.NotNull(report.Defense!.Baseline);
        Assert.NotNull(report.Defense.Defended);
        Assert.False(report.Defense.Baseline!.Defense!.Enabled);
        Assert.True(report.Defense.Defended!.Defense!.Enabled);
        // --lr reaches both trainings.
        Assert.Equal(2e-3, report.Defense.Baseline.Training!.LearningRate);
        Assert.Equal(2e-3, report.Defense.Defended.Training!.LearningRate);
        Assert.True(File.Exists(Path.Combine(output, "adapter", "eval_results.json")));
        Assert.True(File.Exists(Path.Combine(output, "baseline", "eval_results.json")));
        Assert.Contains("plain PEFT (before)", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--checks", "scan,bogus")]
    [InlineData("--checks", "defend")]
    [InlineData("--fail-on", "clean")]
    public void Bad_requests_exit_4(string option, string value)
    {
        using var world = new TinyModelFolder();
        var (code, _, _) = Run([], "check", world.ModelDir, option, value, "-o", Path.Combine(world.Root, "out"));
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void Training_data_without_the_defend_check_and_a_non_empty_output_folder_are_refused()
    {
        using var world = new TinyModelFolder();
        Assert.Equal(ExitCodes.Usage, Run([], "check", world.ModelDir, "--checks", "scan", "--train", world.TrainPath, "--eval", world.EvalPath, "-o", Path.Combine(world.Root, "o")).Code);
        Assert.Equal(ExitCodes.Usage, Run([], "check", world.ModelDir, "--checks", "scan", "-o", world.Root).Code);
    }

    [Fact]
    public void Resume_continues_each_training_from_its_checkpoint_and_refuses_force_with_it()
    {
        using var world = new TinyModelFolder();
        var output = Path.Combine(world.Root, "out");
        string[] args = ["check", world.ModelDir, "--checks", "scan,defend", "--train", world.TrainPath, "--eval", world.EvalPath,
            "--epochs", "1", "--max-steps", "2", "--device", "cpu", "-o", output];
        var first = Run([], args);
        var before = ReportJson.Read<CheckReport>(File.ReadAllText(Path.Combine(output, "report.json")), "report.json");

        Assert.Equal(ExitCodes.Usage, Run([], args).Code);
        Assert.Equal(ExitCodes.Usage, Run([], [.. args, "--resume", "--force"]).Code);
        var again = Run([], [.. args, "--resume"]);
        Assert.Equal(first.Code, again.Code);
        var after = ReportJson.Read<CheckReport>(File.ReadAllText(Path.Combine(output, "report.json")), "report.json");
        // Both trainings had finished: they are picked up at their last step and only evaluated again, to the same numbers.
        Assert.Equal(2, after.Defense!.Baseline!.Run.ResumedFromStep);
        Assert.Equal(2, after.Defense.Defended!.Run.ResumedFromStep);
        Assert.Equal(before.Defense!.Defended!.Metrics.Asr, after.Defense.Defended.Metrics.Asr);
        Assert.Equal(before.Defense.Baseline!.Metrics.Cacc, after.Defense.Baseline.Metrics.Cacc);
    }
}
