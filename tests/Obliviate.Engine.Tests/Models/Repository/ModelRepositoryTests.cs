using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Tests.Models;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Engine.Tests.Models.Repository;

public sealed class ModelRepositoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-repo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly EncoderConfig Tiny = new()
    {
        VocabSize = 10, HiddenSize = 4, NumHiddenLayers = 1, NumAttentionHeads = 2, IntermediateSize = 8, MaxPositionEmbeddings = 16,
    };

    private string Folder(string name, params string[] files)
    {
        var folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), Tiny.ToJson());
        foreach (var f in files)
        {
            var path = Path.Combine(folder, f);
            if (f.EndsWith(".safetensors", StringComparison.Ordinal))
                SafeTensorsWriter.Write(path, [SafeTensorsTensor.FromFloat32("embeddings.word_embeddings.weight", [10, 4], new float[40])]);
            else File.WriteAllText(path, f == "tokenizer_config.json" ? """{"do_lower_case": false, "model_max_length": 1000000000000000019884624838656}"""
                : f.EndsWith(".json", StringComparison.Ordinal) ? "{}\n" : "x\n");
        }
        return folder;
    }

    [Fact]
    public void Open_SafetensorsFolder_FindsConfigTokenizerAndWeights()
    {
        var folder = Folder("m", "model.safetensors", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json");
        var repo = ModelRepository.Open(folder);
        Assert.Equal(Tiny, repo.Config);
        Assert.Equal(Path.Combine(folder, "model.safetensors"), repo.WeightsPath);
        Assert.False(repo.IsSharded);
        Assert.Equal(TokenizerKind.WordPiece, repo.Tokenizer.Kind);
        Assert.Equal(Path.Combine(folder, "vocab.txt"), repo.Tokenizer.VocabTxt);
        Assert.False(repo.Tokenizer.Settings.DoLowerCase);
        Assert.Null(repo.Tokenizer.Settings.ModelMaxLength); // transformers' "unlimited" sentinel
        Assert.NotNull(repo.Tokenizer.SpecialTokensMap);
        using var weights = repo.OpenWeights();
        Assert.Equal(40, weights.ReadFloat32("embeddings.word_embeddings.weight").Length);
    }

    [Theory]
    [InlineData(new[] { "tokenizer.json", "vocab.txt" }, TokenizerKind.HuggingFaceJson)]
    [InlineData(new[] { "vocab.json", "merges.txt" }, TokenizerKind.ByteLevelBpe)]
    [InlineData(new[] { "vocab.json" }, TokenizerKind.None)]
    public void Open_DetectsTheTokenizerKind(string[] files, TokenizerKind kind)
    {
        var repo = ModelRepository.Open(Folder("t", [.. files, "model.safetensors"]));
        Assert.Equal(kind, repo.Tokenizer.Kind);
    }

    [Fact]
    public void Open_ShardedCheckpoint_OpensThroughTheIndex()
    {
        var folder = Folder("s", "model-00001-of-00001.safetensors");
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"),
            """{"weight_map":{"embeddings.word_embeddings.weight":"model-00001-of-00001.safetensors"}}""");
        var repo = ModelRepository.Open(folder);
        Assert.True(repo.IsSharded);
        using var weights = repo.OpenWeights();
        Assert.IsType<SafeTensorsShards>(weights);
        Assert.Single(weights.Entries);
    }

    [Theory]
    [InlineData("pytorch_model.bin")]
    [InlineData("model.pt")]
    [InlineData("weights.pkl")]
    [InlineData("model.ckpt")]
    public void Open_PickleOnlyFolder_IsRefusedWithWhyAndHowToConvert(string file)
    {
        var folder = Folder("p", file);
        var e = Assert.Throws<ModelRepositoryException>(() => ModelRepository.Open(folder));
        Assert.Contains(file, e.Message);
        Assert.Contains("execute arbitrary code", e.Message);
        Assert.Contains("save_pretrained(d, safe_serialization=True)", e.Message);
    }

    [Fact]
    public void Open_SafetensorsBesidePickle_UsesSafetensorsAndListsThePickleAsIgnored()
    {
        var repo = ModelRepository.Open(Folder("both", "model.safetensors", "pytorch_model.bin"));
        Assert.EndsWith("model.safetensors", repo.WeightsPath);
        Assert.Equal(["pytorch_model.bin"], repo.IgnoredUnsafeFiles);
    }

    [Fact]
    public void Open_MissingPieces_AreReportedByName()
    {
        var noWeights = Folder("nw", "vocab.txt");
        Assert.Contains("no weights", Assert.Throws<ModelRepositoryException>(() => ModelRepository.Open(noWeights)).Message);

        var onnxOnly = Folder("onnx", "model.onnx");
        Assert.Contains("import onnx", Assert.Throws<ModelRepositoryException>(() => ModelRepository.Open(onnxOnly)).Message);

        var noConfig = Folder("nc", "model.safetensors");
        File.Delete(Path.Combine(noConfig, "config.json"));
        Assert.Contains("no config.json", Assert.Throws<ModelRepositoryException>(() => ModelRepository.Open(noConfig)).Message);

        var badConfig = Folder("bc", "model.safetensors");
        File.WriteAllText(Path.Combine(badConfig, "config.json"), """{"model_type":"gpt2"}""");
        Assert.Contains("not a BERT- or RoBERTa-family encoder", Assert.Throws<ModelRepositoryException>(() => ModelRepository.Open(badConfig)).Message);
    }

    [Fact]
    public void Resolve_UnknownNameOrFile_SaysWhatIsAccepted()
    {
        var e = Assert.Throws<ModelRepositoryException>(() => ModelRepository.Resolve(Path.Combine(_dir, "nope"), _dir));
        Assert.Contains("minilm, arctic-xs", e.Message);
        var file = Path.Combine(_dir, "file.safetensors");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<ModelRepositoryException>(() => ModelRepository.Resolve(file, _dir)).Message);
    }

    [SkippableFact]
    public void Resolve_ShortName_MaterialisesTheEmbeddedModel()
    {
        _ = EmbeddedTestModels.Folder(EmbeddedModels.MiniLM);
        var repo = ModelRepository.Resolve("MiniLM", EmbeddedTestModels.CacheDirectory, new EmbeddedPackageOptions { AllowDownload = false });
        Assert.Equal("minilm", repo.ShortName);
        Assert.Equal(384, repo.Config.HiddenSize);
        Assert.Equal(TokenizerKind.WordPiece, repo.Tokenizer.Kind);
        Assert.True(repo.Tokenizer.Settings.DoLowerCase);
    }
}
