using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Onnx;
using Obliviate.Engine.Tests.Models;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Engine.Tests.Models.Onnx;

/// <summary>The real packaged MiniLM and arctic-xs graphs through the importer (a few seconds each).</summary>
public sealed class RealOnnxImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-real-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableTheory]
    [InlineData("minilm", 103, 22_713_216L, true)]
    [InlineData("arctic-xs", 101, 22_565_376L, false)]
    public void Import_RealPackagedModel_GivesTheKnownArchitecture(string name, int tensors, long parameters, bool hasPooler)
    {
        var model = EmbeddedTestModels.ByName(name);
        var dll = EmbeddedTestModels.Assembly(model);
        // A fresh import (not the shared test cache), so this exercises the importer as it is now.
        var folder = Path.Combine(_dir, name);
        var result = OnnxBertImporter.Import(ManagedResourceReader.Read(dll, model.OnnxResource), "model.onnx",
            ManagedResourceReader.Read(dll, model.VocabResource), folder,
            new OnnxImportProvenance(model.UpstreamModel, model.UpstreamLicense, model.PackageId, model.PackageVersion,
                model.PackageLicense, model.OnnxResource));
        Assert.Equal(parameters, result.ParameterCount);
        Assert.True(result.DoLowerCase);
        var vocab = File.ReadAllText(Path.Combine(folder, "vocab.txt"));
        Assert.DoesNotContain('\r', vocab);
        Assert.Equal(30522, vocab.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var config = EncoderConfig.Load(Path.Combine(folder, "config.json"));
        Assert.Equal((6, 384, 12, 1536, 30522, 512, 2, 1e-12, "gelu"),
            (config.NumHiddenLayers, config.HiddenSize, config.NumAttentionHeads, config.IntermediateSize, config.VocabSize,
                config.MaxPositionEmbeddings, config.TypeVocabSize, config.LayerNormEps, config.HiddenAct));

        using var weights = SafeTensorsFile.Open(Path.Combine(folder, "model.safetensors"));
        Assert.Equal(tensors, weights.Entries.Count);
        Assert.Equal(parameters, weights.Entries.Sum(e => e.ElementCount));
        Assert.Equal(hasPooler, weights.TryGetEntry("pooler.dense.weight", out _));
        Assert.Equal([384L, 384L], weights.GetEntry("encoder.layer.5.attention.self.query.weight").Shape);
        Assert.Equal([1536L, 384L], weights.GetEntry("encoder.layer.0.intermediate.dense.weight").Shape);
        Assert.Contains("\"do_lower_case\": true", File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));

        var card = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains(model.UpstreamModel, card);
        Assert.Contains($"{model.PackageId} {model.PackageVersion}", card);
        Assert.Contains("license: apache-2.0", card);
        if (name == "minilm") Assert.Contains("4a64cee3", card); // torchsharp-notes §5: sha256 of the MiniLM ONNX
    }

    [SkippableFact]
    public void Materialize_SecondCall_IsInstantAndReturnsTheSameFolder()
    {
        var model = EmbeddedModels.MiniLM;
        var first = EmbeddedTestModels.Folder(model);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var second = EmbeddedModelStore.Materialize(model, EmbeddedTestModels.CacheDirectory, new EmbeddedPackageOptions { AllowDownload = false });
        watch.Stop();
        Assert.Equal(first, second);
        Assert.True(watch.ElapsedMilliseconds < 500, $"second materialisation took {watch.ElapsedMilliseconds} ms");
        Assert.True(EmbeddedModelStore.IsMaterialized(model, EmbeddedTestModels.CacheDirectory));
    }
}
