using System.Security.Cryptography;
using System.Text.Json;
using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Formats.SafeTensors;
using Obliviate.Tool.Tests.Models;

namespace Obliviate.Tool.Tests.Inspect;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-inspect-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TinyModel()
    {
        var folder = Path.Combine(_dir, "tiny");
        Directory.CreateDirectory(folder);
        var config = new EncoderConfig { VocabSize = 6, HiddenSize = 4, NumHiddenLayers = 1, NumAttentionHeads = 2, IntermediateSize = 8 };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJson());
        File.WriteAllText(Path.Combine(folder, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n");
        SafeTensorsWriter.Write(Path.Combine(folder, "model.safetensors"),
        [
            SafeTensorsTensor.FromFloat32("embeddings.word_embeddings.weight", [6, 4], new float[24]),
            new SafeTensorsTensor("encoder.layer.0.output.dense.weight", SafeTensorsDType.F16, [4, 8], new byte[64]),
            new SafeTensorsTensor("encoder.layer.0.output.dense.bias", SafeTensorsDType.F16, [4], new byte[8]),
        ]);
        return folder;
    }

    [Fact]
    public void Inspect_TinyFolder_ReportsParametersDtypesTokenizerAndFileHashes()
    {
        var folder = TinyModel();
        var (code, output, _) = ToolRun.Run("inspect", folder);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("bert: 1 layers, hidden 4, 2 heads, intermediate 8, gelu", output);
        Assert.Contains("parameters    60 in 3 tensors", output);
        Assert.Contains("F16 ×2, F32 ×1", output);
        Assert.Contains("WordPiece (vocab.txt)", output);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.safetensors"))));
        Assert.Matches($@"{sha}\s+{new FileInfo(Path.Combine(folder, "model.safetensors")).Length}\s+model.safetensors", output);
    }

    [Fact]
    public void Inspect_Json_IsMachineReadable()
    {
        var folder = TinyModel();
        File.WriteAllText(Path.Combine(folder, "pytorch_model.bin"), "not loaded");
        var (code, output, _) = ToolRun.Run("inspect", folder, "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("inspection", root.GetProperty("kind").GetString());
        Assert.Equal(60, root.GetProperty("parameter_count").GetInt64());
        Assert.Equal(2, root.GetProperty("dtypes").GetProperty("F16").GetInt32());
        Assert.Equal("word_piece", root.GetProperty("tokenizer_kind").GetString());
        Assert.Equal(4, root.GetProperty("architecture").GetProperty("hidden_size").GetInt32());
        Assert.Equal(["config.json", "model.safetensors", "pytorch_model.bin", "vocab.txt"],
            root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal("pytorch_model.bin", root.GetProperty("ignored_unsafe_files")[0].GetString());
    }

    [Fact]
    public void Inspect_PickleOnlyFolder_IsRefusedWithTheReason()
    {
        var folder = TinyModel();
        File.Delete(Path.Combine(folder, "model.safetensors"));
        File.WriteAllText(Path.Combine(folder, "pytorch_model.bin"), "never read");
        var (code, _, error) = ToolRun.Run("inspect", folder);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("execute arbitrary code", error);
        Assert.Contains("safe_serialization=True", error);
    }

    [Fact]
    public void Inspect_CorruptSafetensors_ExitsWithTheDefect()
    {
        var folder = TinyModel();
        var path = Path.Combine(folder, "model.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);
        var (code, _, error) = ToolRun.Run("inspect", folder);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(path, error);
        Assert.Contains("run past the end of the data", error);
    }

    [SkippableFact]
    public void Inspect_ShortName_MaterialisesAndDescribesMiniLM()
    {
        ModelsCommandTests.RequireLocalPackage(EmbeddedModels.MiniLM);
        var (code, output, _) = ToolRun.Run("inspect", "minilm", "--cache-dir", Path.Combine(_dir, "cache"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("(minilm)", output);
        Assert.Contains("parameters    22,713,216 in 103 tensors", output);
        Assert.Contains("do_lower_case=true", output);
    }
}
