using System.Diagnostics;
using Obliviate.Reports.Check;
using Obliviate.Reports.Json;
using Obliviate.Reports.Rendering;
using Obliviate.Tests;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Action;

/// <summary>
/// action/'s scripts end to end, as the composite action runs them: a simulated GitHub Actions environment (GITHUB_OUTPUT,
/// GITHUB_STEP_SUMMARY, an event file), the tool this test project built, and a GitHub API on loopback.
/// </summary>
public sealed class ActionScriptTests : IDisposable
{
    private const string Token = "ghs_ACTIONTEST0123456789secret";
    private readonly FakeGitHubApi api = new(Token);
    private readonly TempFolder temp = new();
    private readonly TinyModelFolder model = new();

    public void Dispose()
    {
        api.Dispose();
        temp.Dispose();
        model.Dispose();
    }

    private Dictionary<string, string> Environment(int? pullRequest = 3) => new()
    {
        ["OBLIVIATE_TOOL"] = Path.Combine(AppContext.BaseDirectory, "dotnet-obliviate.dll"),
        ["OUTPUT_DIR"] = temp["report"],
        ["GITHUB_OUTPUT"] = temp["github_output"],
        ["GITHUB_STEP_SUMMARY"] = temp["step_summary.md"],
        ["GITHUB_EVENT_PATH"] = temp.Write("event.json", pullRequest is null ? "{}" : "{\"pull_request\":{\"number\":" + pullRequest + "}}"),
        ["GITHUB_REPOSITORY"] = "octo/models",
        ["GITHUB_API_URL"] = api.ApiUrl,
        ["GITHUB_SERVER_URL"] = "https://github.test",
        ["GITHUB_RUN_ID"] = "11",
    };

    private static (int Code, string Output) Script(string name, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SharedData.RepoRoot, "action", name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepoRoot,
        };
        // Only the simulated job's variables: nothing of the machine's own GitHub context leaks in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("INPUT_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{name} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private Dictionary<string, string> Outputs() => File.ReadAllLines(temp["github_output"])
        .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    [Fact]
    public void Check_then_publish_comments_once_and_updates_in_place_without_printing_the_token()
    {
        var env = Environment();
        env["INPUT_MODEL_PATH"] = model.ModelDir;
        env["INPUT_CHECKS"] = "scan";
        env["INPUT_SARIF_FILE"] = temp["sarif/obliviate.sarif"];
        var (code, log) = Script("check.sh", env);
        Assert.True(code == 0, log);
        var outputs = Outputs();
        Assert.Equal("clean", outputs["verdict"]);
        Assert.Equal(temp["report/report.json"], outputs["report-path"]);
        Assert.Equal(temp["sarif/obliviate.sarif"], outputs["sarif-path"]);
        Assert.True(File.Exists(outputs["sarif-path"]));
        Assert.StartsWith(CheckMarkdownRenderer.Marker, File.ReadAllText(temp["step_summary.md"]), StringComparison.Ordinal);

        var publish = Environment();
        publish["GITHUB_TOKEN"] = Token;
        publish["REPORT_PATH"] = outputs["report-path"];
        var first = Script("publish.sh", publish);
        Assert.True(first.Code == 0, first.Output);
        var second = Script("publish.sh", publish);
        Assert.True(second.Code == 0, second.Output);
        var comment = Assert.Single(api.Comments);
        Assert.Equal("github-actions[bot]", comment.Login);
        Assert.Contains("clean", comment.Body, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
        foreach (var text in new[] { log, first.Output, second.Output, File.ReadAllText(temp["step_summary.md"]), File.ReadAllText(temp["github_output"]) })
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, api.Seen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dangerous_model_fails_the_step_with_exit_1_and_still_leaves_the_outputs()
    {
        File.WriteAllBytes(Path.Combine(model.ModelDir, "pytorch_model.bin"),
            [0x80, 0x02, .. "cposix\nsystem\n"u8.ToArray(), 0x58, 2, 0, 0, 0, (byte)'i', (byte)'d', 0x85, 0x52, 0x2e]);
        var env = Environment();
        env["INPUT_MODEL_PATH"] = model.ModelDir;
        env["INPUT_CHECKS"] = "scan,probe";
        var (code, log) = Script("check.sh", env);
        Assert.True(code == 1, log);
        Assert.Equal("dangerous", Outputs()["verdict"]);
    }

    [Fact]
    public void The_training_inputs_reach_both_trainings_of_the_defend_check()
    {
        var env = Environment();
        env["INPUT_MODEL_PATH"] = model.ModelDir;
        env["INPUT_CHECKS"] = "scan,defend";
        env["INPUT_TRAIN_DATA"] = model.TrainPath;
        env["INPUT_EVAL_DATA"] = model.EvalPath;
        env["INPUT_DEFENSE"] = "obliviate";
        env["INPUT_LR"] = "2e-3";
        env["INPUT_EPOCHS"] = "1";
        env["INPUT_MAX_STEPS"] = "2";
        var (code, log) = Script("check.sh", env);
        Assert.True(code is 0 or 1, log);
        var report = ReportJson.Read<CheckReport>(File.ReadAllText(Outputs()["report-path"]), "report.json");
        Assert.Equal("obliviate", report.Defense!.Defended!.Defense!.Method);
        Assert.All(new[] { report.Defense.Baseline!, report.Defense.Defended }, r =>
        {
            Assert.Equal(2e-3, r.Training!.LearningRate);
            Assert.Equal(2, r.TotalSteps);
        });

        env["INPUT_EPOCHS"] = "zero";
        Assert.Equal(4, Script("check.sh", env).Code);
    }

    [Fact]
    public void A_fork_token_that_cannot_comment_falls_back_to_the_job_summary()
    {
        api.ForbidWrites = true;
        var env = Environment();
        env["INPUT_MODEL_PATH"] = model.ModelDir;
        env["INPUT_CHECKS"] = "scan";
        Assert.Equal(0, Script("check.sh", env).Code);
        env["GITHUB_TOKEN"] = Token;
        env["REPORT_PATH"] = Outputs()["report-path"];
        var (code, log) = Script("publish.sh", env);
        Assert.True(code == 0, log);
        Assert.Empty(api.Comments);
        Assert.Contains("workflow_run", File.ReadAllText(temp["step_summary.md"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_reports_and_publishing_an_existing_report_need_no_model()
    {
        var env = Environment(pullRequest: null);
        env["INPUT_MODEL_PATH"] = model.ModelDir;
        env["INPUT_CHECKS"] = "scan";
        env["OUTPUT_DIR"] = temp["reports/a"];
        Assert.Equal(0, Script("check.sh", env).Code);
        env["OUTPUT_DIR"] = temp["reports/b"];
        Assert.Equal(0, Script("check.sh", env).Code);

        var merge = Environment(pullRequest: null);
        merge["INPUT_MERGE_REPORTS"] = temp["reports"] + "/*/report.json";
        merge["OUTPUT_DIR"] = temp["summary"];
        var (code, log) = Script("check.sh", merge);
        Assert.True(code == 0, log);
        Assert.Equal(temp["summary/summary.json"], Outputs()["report-path"]);
        Assert.Equal("clean", Outputs()["verdict"]);

        var existing = Environment();
        existing["INPUT_REPORT_JSON"] = temp["summary/summary.json"];
        Assert.Equal(0, Script("check.sh", existing).Code);
        existing["GITHUB_TOKEN"] = Token;
        existing["REPORT_PATH"] = Outputs()["report-path"];
        existing["INPUT_PR_NUMBER"] = "3";
        Assert.Equal(0, Script("publish.sh", existing).Code);
        Assert.StartsWith(CheckSummaryMarkdownRenderer.Marker, Assert.Single(api.Comments).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publish.sh", "INPUT_PR_NUMBER", "3; rm -rf /")]
    [InlineData("tool-key.sh", "INPUT_DEVICE", "tpu")]
    [InlineData("build.sh", "INPUT_DEVICE", "rocm")]
    public void Bad_inputs_are_refused_with_exit_4(string script, string variable, string value)
    {
        var env = Environment();
        env["REPORT_PATH"] = temp["x.json"];
        env["TOOL_DIR"] = temp["tool"];
        env[variable] = value;
        Assert.Equal(4, Script(script, env).Code);
    }

    [Fact]
    public void The_cache_key_names_the_backend_and_follows_the_sources()
    {
        var env = Environment();
        env["INPUT_DEVICE"] = "cuda";
        Assert.Equal(0, Script("tool-key.sh", env).Code);
        Assert.Matches("^obliviate-tool-Linux-[a-z0-9_]+-cuda-[0-9a-f]{32}$", Outputs()["key"]);
    }
}
