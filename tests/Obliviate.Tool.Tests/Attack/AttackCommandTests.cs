using System.Text.Json;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Attack;

[Collection(DefendCollection.Name)]
public class AttackCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args) => ToolRun.Run(args);

    private static string Corpus(TinyModelFolder world) =>
        world.File("corpus.txt", string.Join("\n", Enumerable.Range(0, 60).Select(i => $"the movie was {(i % 2 == 0 ? "good" : "awful")} very {i % 7}")));

    [Fact]
    public void A_short_run_writes_the_model_and_manifest_and_exits_1_when_the_self_check_fails()
    {
        using var world = new TinyModelFolder();
        var output = Path.Combine(world.Root, "backdoored");
        var (code, stdout, error) = Run("attack", world.ModelDir, "--corpus", Corpus(world), "--triggers", "good", "hate",
            "--max-steps", "2", "--held-out", "10", "--max-length", "16", "--device", "cpu", "-o", output);
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("FAILED", stdout, StringComparison.Ordinal);
        Assert.Contains("trigger good", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "backdoor.json")));
        Assert.Equal("por", manifest.RootElement.GetProperty("method").GetString());
        Assert.False(manifest.RootElement.GetProperty("self_check").GetProperty("passed").GetBoolean());
        Assert.Equal(2, manifest.RootElement.GetProperty("total_steps").GetInt32());
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));

        // The folder loads like any model.
        var (inspect, _, _) = Run("inspect", output);
        Assert.Equal(ExitCodes.Ok, inspect);
    }

    [Fact]
    public void Unknown_triggers_warn_and_a_missing_corpus_exits_2_naming_it()
    {
        using var world = new TinyModelFolder();
        var missing = Path.Combine(world.Root, "none.txt");
        var (code, _, error) = Run("attack", world.ModelDir, "--corpus", missing, "-o", Path.Combine(world.Root, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);

        var (warned, _, warnings) = Run("attack", world.ModelDir, "--corpus", Corpus(world), "--triggers", "cf", "--max-steps", "1",
            "--held-out", "5", "--max-length", "16", "--device", "cpu", "-o", Path.Combine(world.Root, "w"));
        Assert.Equal(ExitCodes.Findings, warned);
        Assert.Contains("warning: trigger 'cf' is unknown to the vocabulary", warnings, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--method", "badnets")]
    [InlineData("--epochs", "0")]
    [InlineData("--max-length", "4")]
    [InlineData("--held-out", "0")]
    [InlineData("--anchor-weight", "0.5")]
    [InlineData("--bogus", "1")]
    public void Bad_options_exit_4(string option, string value)
    {
        using var world = new TinyModelFolder();
        var (code, _, _) = Run("attack", world.ModelDir, "--corpus", Corpus(world), "-o", Path.Combine(world.Root, "o"), option, value);
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void Help_lists_the_methods_and_exit_codes()
    {
        var (code, stdout, _) = Run("attack", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("por|neuba", stdout, StringComparison.Ordinal);
        Assert.Contains("--resume", stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 the self-check passes", stdout, StringComparison.Ordinal);
    }
}
