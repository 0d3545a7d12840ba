using System.Text.Json;
using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Tool.Tests.Defend;

[Collection(DefendCollection.Name)]
public class DefendCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args) => ToolRun.Run(args);

    private static string[] Defend(TinyModelFolder world, string output, params string[] extra) =>
    [
        "defend", world.ModelDir, "--train", world.TrainPath, "--eval", world.EvalPath, "--epochs", "1", "--max-length", "16",
        "--device", "cpu", "-o", output, .. extra,
    ];

    [Fact]
    public void A_missing_training_file_exits_2_naming_it()
    {
        using var world = new TinyModelFolder();
        var missing = Path.Combine(world.Root, "nope.tsv");
        var (code, _, error) = Run("defend", world.ModelDir, "--train", missing, "--eval", world.EvalPath, "-o", Path.Combine(world.Root, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_column_exits_2_naming_the_file()
    {
        using var world = new TinyModelFolder();
        var (code, _, error) = Run(Defend(world, Path.Combine(world.Root, "o"), "--label-column", "stars"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(world.TrainPath, error, StringComparison.Ordinal);
        Assert.Contains("stars", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_row_exits_2_with_file_and_line()
    {
        using var world = new TinyModelFolder();
        var bad = world.File("bad.csv", "text,label\ngood,1\nbad,0\n\"never closed,1\n");
        var (code, _, error) = Run("defend", world.ModelDir, "--train", bad, "--eval", world.EvalPath, "-o", Path.Combine(world.Root, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(bad)}:\\d+:", error);
    }

    [Theory]
    [InlineData("--peft", "bitfit")]
    [InlineData("--epochs", "0")]
    [InlineData("--alpha-amp", "-1")]
    [InlineData("--text-column", " ")]
    [InlineData("--bogus", "1")]
    public void Bad_options_exit_4(string option, string value)
    {
        using var world = new TinyModelFolder();
        var (code, _, _) = Run(Defend(world, Path.Combine(world.Root, "o"), option, value));
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void A_missing_model_folder_exits_2()
    {
        using var world = new TinyModelFolder();
        var (code, _, error) = Run("defend", Path.Combine(world.Root, "no-model"), "--train", world.TrainPath, "--eval", world.EvalPath,
            "--epochs", "1", "-o", Path.Combine(world.Root, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("no-model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Defend_then_evaluate_reproduce_the_same_metrics()
    {
        using var world = new TinyModelFolder();
        var output = Path.Combine(world.Root, "adapter");
        var (code, stdout, error) = Run(Defend(world, output, "--peft", "adapter", "--seed", "4"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("CACC", stdout, StringComparison.Ordinal);
        Assert.Contains("epoch 1/1", error, StringComparison.Ordinal); // plain log lines when not interactive

        var (evalCode, json, evalError) = Run("evaluate", world.ModelDir, "--adapter", output, "--eval", world.EvalPath, "--device", "cpu", "--format", "json");
        Assert.True(evalCode == ExitCodes.Ok, evalError);
        using var evaluated = JsonDocument.Parse(json);
        using var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, EvaluationReport.FileName)));
        Assert.Equal(recorded.RootElement.GetProperty("metrics").GetRawText(), evaluated.RootElement.GetProperty("metrics").GetRawText());
        // Adapters default to trigger-aware without the feature term (the defense table: with it, the adapters collapsed).
        var defense = recorded.RootElement.GetProperty("defense");
        Assert.Equal("trigger-aware", defense.GetProperty("method").GetString());
        Assert.Equal(0.0, defense.GetProperty("feature_weight").GetDouble());
        Assert.Equal(1.0, defense.GetProperty("consistency_weight").GetDouble());
    }

    [Fact]
    public void Evaluate_without_an_adapter_folder_exits_2()
    {
        using var world = new TinyModelFolder();
        var missing = Path.Combine(world.Root, "none");
        var (code, _, error) = Run("evaluate", world.ModelDir, "--adapter", missing, "--eval", world.EvalPath);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }
}
