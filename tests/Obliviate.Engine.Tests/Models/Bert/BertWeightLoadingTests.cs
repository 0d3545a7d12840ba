using Obliviate.Engine.Models.Bert;
using TorchSharp;

namespace Obliviate.Engine.Tests.Models.Bert;

public sealed class BertWeightLoadingTests
{
    /// <summary>The source model's state dict renamed as an older BERT-for-pretraining checkpoint would store it.</summary>
    private static List<CheckpointTensor> LegacyCheckpoint(BertModel source)
    {
        var tensors = new List<CheckpointTensor>();
        foreach (var (key, value) in source.state_dict())
        {
            var name = "bert." + key;
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal)) name = name[..^"weight".Length] + "gamma";
            if (name.EndsWith("LayerNorm.bias", StringComparison.Ordinal)) name = name[..^"bias".Length] + "beta";
            var data = value.detach().cpu().contiguous().data<float>().ToArray();
            tensors.Add(new CheckpointTensor(name, value.shape, () => data));
        }
        tensors.Add(new CheckpointTensor("bert.embeddings.position_ids", [1, 20], () => throw new InvalidOperationException("buffers are never read")));
        tensors.Add(new CheckpointTensor("cls.predictions.bias", [50], () => throw new InvalidOperationException("heads are never read")));
        return tensors;
    }

    [Fact]
    public void Legacy_prefixed_checkpoint_loads_and_reproduces_the_source_model()
    {
        using var scope = torch.NewDisposeScope();
        using var source = TinyModels.Create(TinyConfigs.Bert, seed: 5);
        using var target = TinyModels.Create(TinyConfigs.Bert, seed: 6);
        var report = target.LoadWeights(LegacyCheckpoint(source), "legacy");

        Assert.Equal(source.state_dict().Count, report.Loaded.Count);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Equal(["cls.predictions.bias"], report.IgnoredHeads);
        Assert.Equal(["bert.embeddings.position_ids"], report.IgnoredBuffers);
        var input = TinyModels.Input(TinyConfigs.Bert);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(source.forward(input).LastHiddenState, target.forward(input).LastHiddenState));
    }

    [Fact]
    public void Missing_encoder_weights_are_an_error_naming_them()
    {
        using var source = TinyModels.Create(TinyConfigs.Bert);
        using var target = TinyModels.Create(TinyConfigs.Bert);
        var tensors = LegacyCheckpoint(source).Where(t => !t.Name.Contains("layer.1.output.dense.weight", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => target.LoadWeights(tensors, "partial.safetensors"));
        Assert.Contains("partial.safetensors", e.Message);
        Assert.Contains("encoder.layer.1.output.dense.weight", e.Message);
    }

    [Fact]
    public void Non_strict_loading_reports_missing_and_unexpected_keys()
    {
        using var source = TinyModels.Create(TinyConfigs.Bert);
        using var target = TinyModels.Create(TinyConfigs.Bert);
        var tensors = LegacyCheckpoint(source).Where(t => !t.Name.EndsWith("pooler.dense.bias", StringComparison.Ordinal)).ToList();
        tensors.Add(new CheckpointTensor("encoder.layer.9.output.dense.weight", [16, 24], () => new float[16 * 24]));
        var report = target.LoadWeights(tensors, "extra", strict: false);
        Assert.Equal(["pooler.dense.bias"], report.Missing);
        Assert.Equal(["encoder.layer.9.output.dense.weight"], report.Unexpected);
    }

    [Fact]
    public void Shape_mismatches_are_an_error()
    {
        using var target = TinyModels.Create(TinyConfigs.Bert);
        var tensors = new[] { new CheckpointTensor("embeddings.word_embeddings.weight", [51, 16], () => new float[51 * 16]) };
        var e = Assert.Throws<InvalidDataException>(() => target.LoadWeights(tensors, "wrong"));
        Assert.Contains("[51,16]", e.Message);
        Assert.Contains("[50,16]", e.Message);
    }

    [Fact]
    public void The_same_weight_under_two_names_is_an_error()
    {
        using var target = TinyModels.Create(TinyConfigs.Bert);
        var tensors = new[]
        {
            new CheckpointTensor("pooler.dense.bias", [16], () => new float[16]),
            new CheckpointTensor("bert.pooler.dense.bias", [16], () => new float[16]),
        };
        var e = Assert.Throws<InvalidDataException>(() => target.LoadWeights(tensors, "dup", strict: false));
        Assert.Contains("bert.pooler.dense.bias", e.Message);
    }

    [Theory]
    [InlineData("bert.encoder.layer.0.attention.output.LayerNorm.gamma", CheckpointKeyKind.Encoder, "encoder.layer.0.attention.output.LayerNorm.weight")]
    [InlineData("roberta.embeddings.LayerNorm.beta", CheckpointKeyKind.Encoder, "embeddings.LayerNorm.bias")]
    [InlineData("encoder.layer.3.intermediate.dense.weight", CheckpointKeyKind.Encoder, "encoder.layer.3.intermediate.dense.weight")]
    [InlineData("roberta.embeddings.position_ids", CheckpointKeyKind.Buffer, "roberta.embeddings.position_ids")]
    [InlineData("lm_head.decoder.weight", CheckpointKeyKind.Head, "lm_head.decoder.weight")]
    [InlineData("classifier.out_proj.bias", CheckpointKeyKind.Head, "classifier.out_proj.bias")]
    [InlineData("cls.predictions.transform.LayerNorm.gamma", CheckpointKeyKind.Head, "cls.predictions.transform.LayerNorm.gamma")]
    public void Checkpoint_keys_are_normalised(string key, CheckpointKeyKind kind, string expected)
    {
        Assert.Equal((kind, expected), CheckpointKeys.Normalize(key));
    }
}
