using Obliviate.Tests;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Tests.Tokenization;
using Obliviate.Formats.SafeTensors;
using TorchSharp;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>FromPretrained over a real model folder: config.json + model.safetensors written by the project's writer.</summary>
public sealed class BertFromPretrainedTests
{
    private static void SaveFolder(BertModel source, string folder, string prefix, bool withPooler, bool asF16 = false)
    {
        File.WriteAllText(Path.Combine(folder, "config.json"), source.Config.ToJson());
        var tensors = new List<SafeTensorsTensor>();
        foreach (var (key, value) in source.state_dict())
        {
            if (!withPooler && key.StartsWith("pooler.", StringComparison.Ordinal)) continue;
            var data = value.detach().contiguous().data<float>().ToArray();
            if (asF16)
            {
                var bytes = new byte[data.Length * 2];
                for (var i = 0; i < data.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (Half)data[i]);
                tensors.Add(new SafeTensorsTensor(prefix + key, SafeTensorsDType.F16, value.shape, bytes));
            }
            else tensors.Add(SafeTensorsTensor.FromFloat32(prefix + key, value.shape, data));
        }
        tensors.Add(new SafeTensorsTensor(prefix + "embeddings.position_ids", SafeTensorsDType.I64, [1, 20], new byte[160]));
        SafeTensorsWriter.Write(Path.Combine(folder, "model.safetensors"), tensors);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("bert.", false)]
    public void A_saved_folder_loads_in_eval_mode_and_reproduces_the_source(string prefix, bool withPooler)
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        using var source = TinyModels.Create(TinyConfigs.Bert, seed: 21);
        SaveFolder(source, folder.Path, prefix, withPooler);

        using var loaded = BertModel.FromPretrained(folder.Path);
        Assert.False(loaded.training);
        Assert.Equal(withPooler, loaded.HasPooler);
        Assert.Equal(["embeddings.position_ids".Insert(0, prefix)], loaded.LoadReport!.IgnoredBuffers);
        var input = TinyModels.Input(TinyConfigs.Bert);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(source.forward(input).LastHiddenState, loaded.forward(input).LastHiddenState));
        Assert.Equal(withPooler, loaded.forward(input).PoolerOutput is not null);
    }

    [Fact]
    public void Half_precision_weights_are_computed_in_float32()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        using var source = TinyModels.Create(TinyConfigs.Bert, seed: 22);
        SaveFolder(source, folder.Path, "", withPooler: true, asF16: true);
        using var loaded = BertModel.FromPretrained(folder.Path);
        Assert.All(loaded.parameters(), p => Assert.Equal(torch.ScalarType.Float32, p.dtype));
        var input = TinyModels.Input(TinyConfigs.Bert);
        // F16 rounding of N(0, 0.02) weights moves the output by far less than its unit LayerNorm scale.
        Assert.True(TinyModels.MaxAbsDiff(source.forward(input).LastHiddenState, loaded.forward(input).LastHiddenState) < 1e-2);
    }

    [Fact]
    public void A_config_that_does_not_match_the_weights_names_the_tensor()
    {
        using var folder = new TempFolder();
        using var source = TinyModels.Create(TinyConfigs.Bert);
        SaveFolder(source, folder.Path, "", withPooler: true);
        File.WriteAllText(Path.Combine(folder.Path, "config.json"), (TinyConfigs.Bert with { IntermediateSize = 32 }).ToJson());
        var e = Assert.Throws<InvalidDataException>(() => BertModel.FromPretrained(folder.Path));
        Assert.Contains("intermediate.dense.", e.Message);
        Assert.Contains("[32", e.Message);
        Assert.Contains("model.safetensors", e.Message);
    }
}
