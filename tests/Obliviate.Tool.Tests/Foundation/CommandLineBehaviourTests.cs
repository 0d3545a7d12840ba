using System.Text.Json;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>
/// Inputs that used to give wrong results with exit 0, and the command-line behaviour careful users expect: each case
/// here failed before it was fixed.
/// </summary>
[Collection(DefendCollection.Name)]
public sealed class CommandLineBehaviourTests
{
    private static string[] Defend(TinyModelFolder world, string output, params string[] extra) =>
    [
        "defend", world.ModelDir, "--train", world.TrainPath, "--eval", world.EvalPath, "--epochs", "1", "--max-length", "16",
        "--device", "cpu", "-o", output, .. extra,
    ];

    [Fact]
    public void Labels_that_differ_only_in_case_are_refused_naming_the_file_and_the_fix()
    {
        using var world = new TinyModelFolder();
        var mixed = world.File("mixed.csv", "text,label\n" + string.Join("\n", Enumerable.Range(0, 24).Select(i =>
            $"the movie was {(i % 2 == 0 ? "good" : "bad")},{(i % 2 == 0 ? (i % 4 == 0 ? "positive" : "Positive") : (i % 3 == 0 ? "neg" : "negative"))}")) + "\n");
        var (code, _, error) = ToolRun.Run("defend", world.ModelDir, "--train", mixed, "--eval", world.EvalPath, "--epochs", "1", "--device", "cpu",
            "-o", Path.Combine(world.Root, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(mixed, error, StringComparison.Ordinal);
        Assert.Contains("'positive' / 'Positive'", error, StringComparison.Ordinal);
        Assert.Contains("--label-map", error, StringComparison.Ordinal);

        // The same file with a label map trains two classes, and the evaluation file's 0/1 map through the aliases.
        var ok = Path.Combine(world.Root, "ok");
        (code, var stdout, error) = ToolRun.Run("defend", world.ModelDir, "--train", mixed, "--eval", world.EvalPath, "--epochs", "1", "--max-length", "16",
            "--device", "cpu", "-o", ok, "--label-map", "negative=0,neg;positive=1,Positive", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["negative", "positive"], json.RootElement.GetProperty("train").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void An_adapter_is_not_evaluated_on_another_base_model_unless_allowed()
    {
        using var world = new TinyModelFolder();
        using var other = new TinyModelFolder(initSeed: 7);
        var adapter = Path.Combine(world.Root, "adapter");
        Assert.Equal(ExitCodes.Ok, ToolRun.Run(Defend(world, adapter)).Code);

        var (code, _, error) = ToolRun.Run("evaluate", other.ModelDir, "--adapter", adapter, "--eval", world.EvalPath, "--device", "cpu");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("--allow-base-mismatch", error, StringComparison.Ordinal);
        Assert.Contains("weights sha256", error, StringComparison.Ordinal);

        (code, _, error) = ToolRun.Run("evaluate", other.ModelDir, "--adapter", adapter, "--eval", world.EvalPath, "--device", "cpu", "--allow-base-mismatch");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("warning:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Comma_separated_triggers_are_separate_words_and_separator_mistakes_warn()
    {
        using var world = new TinyModelFolder();
        var (code, stdout, error) = ToolRun.Run(Defend(world, Path.Combine(world.Root, "a"), "--triggers", "good,bad", "--format", "json"));
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["good", "bad"], json.RootElement.GetProperty("triggers").EnumerateArray().Select(t => t.GetString()));

        (code, _, error) = ToolRun.Run(Defend(world, Path.Combine(world.Root, "b"), "--triggers", "good;bad", "--max-steps", "1"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("warning: trigger 'good;bad' contains ';'", error, StringComparison.Ordinal);
        Assert.Contains("comma-separated", ToolRun.Run("defend", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_empty_output_folder_is_refused_by_every_command_with_exit_4_unless_forced()
    {
        using var world = new TinyModelFolder();
        var busy = Path.Combine(world.Root, "busy");
        Directory.CreateDirectory(busy);
        File.WriteAllText(Path.Combine(busy, "notes.txt"), "keep me");
        var corpus = world.File("corpus.txt", string.Join("\n", Enumerable.Range(0, 40).Select(i => $"the movie was very {i % 5}")));

        var defend = ToolRun.Run(Defend(world, busy));
        var attack = ToolRun.Run("attack", world.ModelDir, "--corpus", corpus, "--max-steps", "1", "--held-out", "5", "--max-length", "16", "-o", busy);
        var import = ToolRun.Run("import", "onnx", world.TrainPath, "--vocab", Path.Combine(world.ModelDir, "vocab.txt"), "-o", busy);
        foreach (var (code, _, error) in new[] { defend, attack, import })
        {
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("is not empty", error, StringComparison.Ordinal);
            Assert.Contains("--force", error, StringComparison.Ordinal);
        }
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(busy, "notes.txt")));
        Assert.Equal(ExitCodes.Ok, ToolRun.Run(Defend(world, busy, "--force", "--max-steps", "1")).Code);
    }

    [Fact]
    public void Defend_prints_a_plan_and_honours_max_steps()
    {
        using var world = new TinyModelFolder();
        var (code, stdout, error) = ToolRun.Run(Defend(world, Path.Combine(world.Root, "o"), "--batch-size", "8", "--max-steps", "4", "--format", "json"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("plan: 4 steps", error, StringComparison.Ordinal);
        Assert.Contains("ms/step measured", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(4, json.RootElement.GetProperty("total_steps").GetInt32());
    }

    [Fact]
    public void Quiet_prints_results_only()
    {
        using var world = new TinyModelFolder();
        var (code, stdout, error) = ToolRun.Run([.. Defend(world, Path.Combine(world.Root, "o"), "--max-steps", "1"), "-q"]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Contains("CACC", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("defend", "--peft", "lorra", "Did you mean 'lora'?")]
    [InlineData("defend", "--pefts", "lora", "Did you mean '--peft'?")]
    [InlineData("scan", "--format", "jsn", "Did you mean 'json'?")]
    public void Usage_errors_are_short_on_stderr_with_a_suggestion(string command, string option, string value, string suggestion)
    {
        using var world = new TinyModelFolder();
        string[] args = command == "scan" ? ["scan", world.ModelDir, option, value] : [.. Defend(world, Path.Combine(world.Root, "o")), option, value];
        var (code, stdout, error) = ToolRun.Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains(suggestion, error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage", error, StringComparison.Ordinal);
        Assert.True(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3, error);
    }

    [Theory]
    [InlineData("--text-column", " ")]
    [InlineData("--max-train", "0")]
    [InlineData("--triggers", ",")]
    public void Messages_do_not_leak_internals(string option, string value)
    {
        using var world = new TinyModelFolder();
        var (_, _, error) = ToolRun.Run(Defend(world, Path.Combine(world.Root, "o"), option, value));
        foreach (var leak in new[] { "(Parameter", "OptionResult", "System.", "   at " })
            Assert.DoesNotContain(leak, error, StringComparison.Ordinal);
    }

    public static TheoryData<string> Commands => ["scan", "inspect", "defend", "evaluate", "attack", "doctor", "models pull", "import onnx", "check", "publish", "report", "report merge"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_help_has_an_example_and_named_placeholders(string command)
    {
        var (code, stdout, _) = ToolRun.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Example", stdout, StringComparison.Ordinal);
        // A placeholder that only repeats the option's name (--train <train>) tells the user nothing.
        foreach (var line in stdout.Split('\n'))
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"--([a-z-]+) <([a-z-]+)>");
            if (m.Success) Assert.NotEqual(m.Groups[1].Value, m.Groups[2].Value);
        }
    }
}
