using System.Security.Cryptography;
using System.Text.Json;
using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Onnx;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Engine.Tests.Models.Onnx;

public sealed class OnnxBertImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private OnnxImportResult Import(TinyBertOnnx tiny, byte[]? vocab = null, string name = "out") =>
        OnnxBertImporter.Import(tiny.Build(), "tiny.onnx", vocab ?? tiny.VocabFile(), Path.Combine(_dir, name),
            new OnnxImportProvenance("example/tiny-bert", "Apache-2.0", "Example.Package", "1.2.3", "MIT", "Example.Resources.model.onnx"));

    [Fact]
    public void Import_TinyGraph_InfersConfigFromTheGraph()
    {
        var result = Import(new TinyBertOnnx());
        var config = EncoderConfig.Load(Path.Combine(result.OutputDirectory, "config.json"));
        Assert.Equal(result.Config, config);
        Assert.Equal("bert", config.ModelType);
        Assert.Equal(8, config.HiddenSize);
        Assert.Equal(2, config.NumAttentionHeads);
        Assert.Equal(2, config.NumHiddenLayers);
        Assert.Equal(16, config.IntermediateSize);
        Assert.Equal(12, config.VocabSize);
        Assert.Equal(10, config.MaxPositionEmbeddings);
        Assert.Equal(2, config.TypeVocabSize);
        Assert.Equal(1e-12, config.LayerNormEps);
        Assert.Equal("gelu", config.HiddenAct);
        Assert.Equal(0, config.PadTokenId);
    }

    [Fact]
    public void Import_TinyGraph_NamesAndTransposesEveryWeightBitExactly()
    {
        var tiny = new TinyBertOnnx();
        var result = Import(tiny);
        using var file = SafeTensorsFile.Open(Path.Combine(result.OutputDirectory, "model.safetensors"));
        Assert.Equal(tiny.Expected.Keys.Order(StringComparer.Ordinal), file.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(file.Entries, e => e.Name.Contains("position_ids", StringComparison.Ordinal));
        foreach (var (name, (shape, values)) in tiny.Expected)
        {
            var entry = file.GetEntry(name);
            Assert.Equal(SafeTensorsDType.F32, entry.DType);
            Assert.Equal(shape, entry.Shape);
            Assert.Equal(values, file.ReadFloat32(name));
        }
        Assert.Equal("pt", file.Metadata!["format"]);
        Assert.Equal(tiny.Expected.Values.Sum(v => (long)v.Values.Length), result.ParameterCount);
        Assert.Equal(16 * 2 + 5, result.TensorCount);
    }

    [Theory]
    [InlineData("named")]
    [InlineData("anonymous")]
    public void Import_GemmPooler_IsWrittenAsOutByIn(string pooler)
    {
        var tiny = new TinyBertOnnx { Pooler = pooler };
        var result = Import(tiny);
        using var file = SafeTensorsFile.Open(Path.Combine(result.OutputDirectory, "model.safetensors"));
        Assert.Equal(tiny.Expected["pooler.dense.weight"].Values, file.ReadFloat32("pooler.dense.weight"));
        Assert.Equal(tiny.Expected["pooler.dense.bias"].Values, file.ReadFloat32("pooler.dense.bias"));
        Assert.Equal(tiny.Expected.Count, file.Entries.Count);
    }

    [Fact]
    public void Import_WritesTokenizerFilesAndAModelCardWithProvenance()
    {
        var tiny = new TinyBertOnnx();
        var onnx = new TinyBertOnnx().Build(); // the same seed gives the same bytes
        var result = Import(tiny);
        Assert.Equal(["README.md", "config.json", "model.safetensors", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt"],
            result.Files);
        Assert.Equal(tiny.VocabFile(), File.ReadAllBytes(Path.Combine(result.OutputDirectory, "vocab.txt")));
        using var tokenizerConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.OutputDirectory, "tokenizer_config.json")));
        Assert.True(tokenizerConfig.RootElement.GetProperty("do_lower_case").GetBoolean());
        Assert.Equal("BertTokenizer", tokenizerConfig.RootElement.GetProperty("tokenizer_class").GetString());

        var card = File.ReadAllText(Path.Combine(result.OutputDirectory, "README.md"));
        Assert.Contains("license: apache-2.0", card);
        Assert.Contains("base_model: example/tiny-bert", card);
        Assert.Contains("| NuGet package | Example.Package 1.2.3 |", card);
        Assert.Contains("`Example.Resources.model.onnx`", card);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(onnx)), card);
        Assert.Contains("Example.Package: MIT", card);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onnx)), result.OnnxSha256);
    }

    [Fact]
    public void Import_BertPrefixedGraph_WritesBareHuggingFaceKeys()
    {
        var tiny = new TinyBertOnnx { Prefix = "bert.", Pooler = "anonymous" };
        var result = Import(tiny);
        using var file = SafeTensorsFile.Open(Path.Combine(result.OutputDirectory, "model.safetensors"));
        Assert.Equal(tiny.Expected.Keys.Order(StringComparer.Ordinal), file.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(tiny.Expected["encoder.layer.1.attention.self.key.weight"].Values, file.ReadFloat32("encoder.layer.1.attention.self.key.weight"));
        Assert.Equal(2, result.Config.NumAttentionHeads);
    }

    [Fact]
    public void Import_CasedVocab_SetsDoLowerCaseFalse()
    {
        var tiny = new TinyBertOnnx();
        var result = Import(tiny, tiny.VocabFile(cased: true));
        Assert.False(result.DoLowerCase);
        Assert.Contains("\"do_lower_case\": false", File.ReadAllText(Path.Combine(result.OutputDirectory, "tokenizer_config.json")));
    }

    [Fact]
    public void Import_CrlfVocab_IsWrittenWithLfLines()
    {
        var tiny = new TinyBertOnnx();
        var crlf = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(tiny.VocabFile()).Replace("\n", "\r\n"));
        var result = Import(tiny, crlf);
        Assert.Equal(tiny.VocabFile(), File.ReadAllBytes(Path.Combine(result.OutputDirectory, "vocab.txt")));
    }

    [Fact]
    public void Import_WithoutReshapeConstants_TakesHeadsFromTheScoreScale()
    {
        var result = Import(new TinyBertOnnx { Hidden = 12, Heads = 3, WithReshape = false });
        Assert.Equal(3, result.Config.NumAttentionHeads);
    }

    [Fact]
    public void Import_FusedLayerNormalization_TakesEpsilonFromTheAttribute()
    {
        var result = Import(new TinyBertOnnx { FusedLayerNorm = true, Epsilon = 1e-5f });
        Assert.Equal(1e-5, result.Config.LayerNormEps, 12);
    }

    [Theory]
    [InlineData("encoder.layer.1.output.LayerNorm.bias", "no 'encoder.layer.1.output.LayerNorm.bias' tensor")]
    [InlineData("embeddings.word_embeddings.weight", "no 'embeddings.word_embeddings.weight' tensor")]
    public void Import_IncompleteGraph_IsRejectedAsNotBert(string omit, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Import(new TinyBertOnnx { Omit = omit }));
        Assert.Contains("tiny.onnx", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Import_UnnameableMatMul_FailsClearly()
    {
        // A bias that is missing leaves its MatMul weight without a name.
        var e = Assert.Throws<InvalidDataException>(() => Import(new TinyBertOnnx { Omit = "encoder.layer.0.attention.self.query.bias" }));
        Assert.Contains("feeds no Add with a named '.bias'", e.Message);
    }

    [Fact]
    public void Import_VocabOfTheWrongSize_IsRejected()
    {
        var tiny = new TinyBertOnnx();
        var e = Assert.Throws<InvalidDataException>(() => Import(tiny, "[PAD]\n[UNK]\n"u8.ToArray()));
        Assert.Contains("vocab.txt has 2 tokens but tiny.onnx's word embeddings have 12 rows", e.Message);
    }

    [Fact]
    public void Import_IntoANonEmptyFolder_IsRefused()
    {
        var target = Path.Combine(_dir, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "x");
        var e = Assert.Throws<Obliviate.Reports.Model.RequestException>(() => Import(new TinyBertOnnx()));
        Assert.Contains("is not empty", e.Message);
        Assert.Equal(["keep.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Import_NotOnnx_FailsWithTheFileName()
    {
        var e = Assert.ThrowsAny<IOException>(() => OnnxBertImporter.Import("not a model"u8.ToArray(), "junk.onnx",
            new TinyBertOnnx().VocabFile(), Path.Combine(_dir, "junk"), new OnnxImportProvenance()));
        Assert.StartsWith("junk.onnx: ", e.Message);
    }
}
