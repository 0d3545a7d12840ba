using System.Text.Json;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Defense;

[Collection(Training.TorchRngCollection.Name)]
public class DefendRunTests
{
    [Theory]
    [MemberData(nameof(PeftContractTests.Methods), MemberType = typeof(PeftContractTests))]
    public void Evaluate_reproduces_the_metrics_defend_wrote(string name)
    {
        using var world = new TinyPeftWorld();
        var output = Path.Combine(world.Root, "out-" + name);
        var results = DefendRun.Run(Request(world, name, output), null, CancellationToken.None);

        foreach (var file in new[] { PeftArtifactFiles.AdapterConfig, PeftArtifactFiles.HeadConfig, PeftArtifactFiles.HeadWeights,
                     PeftArtifactFiles.LabelMap, EvaluationReport.FileName, PeftRegistry.Find(name)!.WeightsFile })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        }
        Assert.Equal(24, results.Metrics.N);
        Assert.Equal(6, results.Metrics.PerTrigger.Count);

        var again = EvaluateRun.Run(new EvaluateRequest
        {
            Model = world.ModelDir, AdapterDirectory = output, EvalPath = world.EvalPath, Device = DeviceKind.Cpu,
        }, null, CancellationToken.None);
        Assert.Equal(Json(results.Metrics), Json(again.Metrics));
        Assert.Equal(results.Eval.Sha256, again.Eval.Sha256);
    }

    [Fact]
    public void The_results_file_records_configuration_seeds_hashes_and_a_separate_run_block()
    {
        using var world = new TinyPeftWorld();
        var output = Path.Combine(world.Root, "out");
        DefendRun.Run(Request(world, "lora", output), null, CancellationToken.None);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, EvaluationReport.FileName)));
        var root = doc.RootElement;
        Assert.Equal("lora", root.GetProperty("peft").GetProperty("method").GetString());
        Assert.Equal("LORA", root.GetProperty("peft").GetProperty("adapter_config").GetProperty("peft_type").GetString());
        Assert.True(root.GetProperty("defense").GetProperty("enabled").GetBoolean());
        Assert.Equal(0.05, root.GetProperty("training").GetProperty("warmup_ratio").GetDouble());
        Assert.Equal(5e-4, root.GetProperty("training").GetProperty("learning_rate").GetDouble());
        Assert.Equal(64, root.GetProperty("train").GetProperty("sha256").GetString()!.Length);
        Assert.True(root.GetProperty("metrics").TryGetProperty("masr", out _));
        Assert.True(root.GetProperty("run").GetProperty("peak_rss_mb").GetDouble() > 0);
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, PeftArtifactFiles.AdapterConfig))).RootElement;
        Assert.Equal(16, config.GetProperty("r").GetInt32());
        Assert.Equal("SEQ_CLS", config.GetProperty("task_type").GetString());
        Assert.True(config.GetProperty("inference_mode").GetBoolean());
    }

    [Fact]
    public void A_bad_row_fails_before_any_model_is_loaded_naming_file_and_line()
    {
        using var world = new TinyPeftWorld();
        var bad = Path.Combine(world.Root, "bad.csv");
        File.WriteAllText(bad, "text,label\ngood movie,1\n\"unterminated,0\n");
        var request = Request(world, "lora", Path.Combine(world.Root, "o")) with { TrainPath = bad, Model = "/nonexistent" };
        var error = Assert.Throws<DatasetFormatException>(() => DefendRun.Run(request, null, CancellationToken.None));
        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    private static DefendRequest Request(TinyPeftWorld world, string method, string output) => new()
    {
        Model = world.ModelDir,
        TrainPath = world.TrainPath,
        EvalPath = world.EvalPath,
        Method = PeftRegistry.Find(method)!.Method,
        Training = new TrainingSettings { Epochs = 1, MaxLength = 32, Seed = 1 },
        Device = DeviceKind.Cpu,
        OutputDirectory = output,
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
