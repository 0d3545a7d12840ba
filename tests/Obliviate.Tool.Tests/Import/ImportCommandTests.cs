using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Tool.Tests.Models;

namespace Obliviate.Tool.Tests.Import;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-import-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Onnx, string Vocab) ExtractMiniLM()
    {
        var model = EmbeddedModels.MiniLM;
        ModelsCommandTests.RequireLocalPackage(model);
        var dll = EmbeddedPackageLocator.LocateAssembly(model, _dir, new EmbeddedPackageOptions { AllowDownload = false });
        var onnx = Path.Combine(_dir, "model.onnx");
        var vocab = Path.Combine(_dir, "vocab.txt");
        File.WriteAllBytes(onnx, ManagedResourceReader.Read(dll, model.OnnxResource));
        File.WriteAllBytes(vocab, ManagedResourceReader.Read(dll, model.VocabResource));
        return (onnx, vocab);
    }

    [SkippableFact]
    public void ImportOnnx_RealMiniLM_WritesAHuggingFaceFolder()
    {
        var (onnx, vocab) = ExtractMiniLM();
        var output = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = ToolRun.Run("import", "onnx", onnx, "--vocab", vocab, "-o", output,
            "--upstream", "sentence-transformers/all-MiniLM-L6-v2", "--license", "Apache-2.0");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(output, stdout.Trim());
        Assert.Contains("6 layers, hidden 384, 12 heads", stderr);
        Assert.Contains("22,713,216 parameters", stderr);
        var config = EncoderConfig.Load(Path.Combine(output, "config.json"));
        Assert.Equal(12, config.NumAttentionHeads);
        var card = File.ReadAllText(Path.Combine(output, "README.md"));
        Assert.Contains("base_model: sentence-transformers/all-MiniLM-L6-v2", card);
        Assert.Contains("4a64cee3", card);

        // Importing again into the now non-empty folder is refused, leaving it intact.
        var again = ToolRun.Run("import", "onnx", onnx, "--vocab", vocab, "-o", output);
        Assert.Equal(ExitCodes.Usage, again.Code);
        Assert.Contains("is not empty", again.Error);
    }

    [Fact]
    public void ImportOnnx_NotAnOnnxFile_ExitsWithErrorNamingTheFile()
    {
        var junk = Path.Combine(_dir, "junk.onnx");
        File.WriteAllText(junk, "this is not protobuf \u0000\u00ff");
        var vocab = Path.Combine(_dir, "vocab.txt");
        File.WriteAllText(vocab, "[PAD]\n");
        var (code, _, error) = ToolRun.Run("import", "onnx", junk, "--vocab", vocab, "-o", Path.Combine(_dir, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.StartsWith("error: junk.onnx: ", error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "o")));
    }

    [Fact]
    public void ImportOnnx_MissingVocabOption_IsAUsageError()
    {
        var (code, _, error) = ToolRun.Run("import", "onnx", Path.Combine(_dir, "m.onnx"), "-o", Path.Combine(_dir, "o"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--vocab", error);
    }

    [Fact]
    public void ImportOnnx_MissingModelFile_ExitsWithError()
    {
        var vocab = Path.Combine(_dir, "vocab.txt");
        File.WriteAllText(vocab, "[PAD]\n");
        var (code, _, error) = ToolRun.Run("import", "onnx", Path.Combine(_dir, "none.onnx"), "--vocab", vocab, "-o", Path.Combine(_dir, "o"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("none.onnx: not found", error);
    }
}
