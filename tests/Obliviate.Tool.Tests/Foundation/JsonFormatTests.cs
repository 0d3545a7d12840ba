using System.Text.Json;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>Every result-producing command prints one JSON object with schema_version and kind under --format json.</summary>
[Collection(DefendCollection.Name)]
public sealed class JsonFormatTests
{
    private static JsonElement Single(string stdout, string kind)
    {
        using var doc = JsonDocument.Parse(stdout); // throws if anything but one JSON value was printed
        var root = doc.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(kind, root.GetProperty("kind").GetString());
        return root;
    }

    [Fact]
    public void Defend_evaluate_attack_scan_and_inspect_print_one_versioned_object()
    {
        using var world = new TinyModelFolder();
        var adapter = Path.Combine(world.Root, "adapter");
        var (code, stdout, error) = ToolRun.Run("defend", world.ModelDir, "--train", world.TrainPath, "--eval", world.EvalPath, "--epochs", "1",
            "--max-length", "16", "--device", "cpu", "-o", adapter, "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(Single(stdout, "evaluation").GetProperty("metrics").TryGetProperty("cacc", out _));

        (code, stdout, error) = ToolRun.Run("evaluate", world.ModelDir, "--adapter", adapter, "--eval", world.EvalPath, "--device", "cpu", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal("evaluate", Single(stdout, "evaluation").GetProperty("command").GetString());

        var corpus = world.File("corpus.txt", string.Join("\n", Enumerable.Range(0, 40).Select(i => $"the movie was very {i % 5}")));
        (code, stdout, _) = ToolRun.Run("attack", world.ModelDir, "--corpus", corpus, "--triggers", "good", "--max-steps", "1", "--held-out", "5",
            "--max-length", "16", "--device", "cpu", "-o", Path.Combine(world.Root, "bd"), "--format", "json");
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Equal("por", Single(stdout, "attack").GetProperty("method").GetString());

        (code, stdout, _) = ToolRun.Run("scan", world.ModelDir, "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("clean", Single(stdout, "scan").GetProperty("verdict").GetString());

        (code, stdout, _) = ToolRun.Run("inspect", world.ModelDir, "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(Single(stdout, "inspection").GetProperty("parameter_count").GetInt64() > 0);
    }

    [Fact]
    public void The_report_file_extension_picks_the_format()
    {
        using var world = new TinyModelFolder();
        var sarif = Path.Combine(world.Root, "out", "report.sarif");
        var (code, stdout, _) = ToolRun.Run("scan", world.ModelDir, "-o", sarif);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var markdown = Path.Combine(world.Root, "inspect.md");
        Assert.Equal(ExitCodes.Ok, ToolRun.Run("inspect", world.ModelDir, "-o", markdown).Code);
        Assert.StartsWith("## Obliviate inspect", File.ReadAllText(markdown), StringComparison.Ordinal);
    }
}
