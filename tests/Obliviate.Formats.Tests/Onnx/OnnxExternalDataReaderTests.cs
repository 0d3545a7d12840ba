using Obliviate.Formats.Onnx;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Onnx;

public sealed class OnnxExternalDataReaderTests
{
    [Fact]
    public void Lists_initializer_and_subgraph_locations()
    {
        var model = OnnxBytes.Model("weights.bin", subgraphLocation: "../../etc/passwd");
        var found = OnnxExternalDataReader.Read(new MemoryStream(model));
        Assert.Equal([("inner", "../../etc/passwd"), ("w", "weights.bin")], found.Select(f => (f.TensorName, f.Location)).Order());
    }

    [Fact]
    public void Inline_tensors_have_no_external_data() =>
        Assert.Empty(OnnxExternalDataReader.Read(new MemoryStream(OnnxBytes.Model(null, rawData: new byte[4096]))));

    [Fact]
    public void Truncated_models_fail_with_the_defect()
    {
        var model = OnnxBytes.Model("weights.bin");
        var ex = Assert.Throws<InvalidDataException>(() => OnnxExternalDataReader.Read(new MemoryStream(model[..^5])));
        Assert.Contains("ONNX", ex.Message);
    }
}
