using Obliviate.Formats.Onnx;
using Obliviate.Tests.Onnx;
using W = Obliviate.Tests.Onnx.OnnxProtoWriter;

namespace Obliviate.Formats.Tests.Onnx;

public sealed class OnnxReaderTests
{
    private static byte[] SmallModel() => W.Model(W.Graph(
        nodes:
        [
            W.Node("MatMul", ["x", "W0"], ["h"]),
            W.Node("Add", ["dense.bias", "h"], ["y"]),
            W.Node("LayerNormalization", ["y", "ln.weight", "ln.bias"], ["z"], "ln", W.FloatAttribute("epsilon", 1e-12f), W.IntsAttribute("axes", -1)),
            W.Node("Constant", [], ["c"], "const", W.TensorAttribute("value", W.Int64Tensor("", [2], [4, 8]))),
        ],
        initializers:
        [
            W.FloatTensor("W0", [2, 3], [1, 2, 3, 4, 5, 6]),
            W.FloatDataTensor("dense.bias", [3], [0.5f, -1f, 2f]),
            W.Int64Tensor("shape", [1], [7]),
            W.ExternalTensor("big", [10], "weights.bin"),
        ],
        inputs: [W.ValueInfo("x", OnnxDataType.Float, "batch", 2L)],
        outputs: [W.ValueInfo("z", OnnxDataType.Float, "batch", 3L)]));

    [Fact]
    public void Read_SmallModel_ReturnsNodesInitializersAndValueInfos()
    {
        var model = OnnxReader.Read(SmallModel(), "small.onnx");
        Assert.Equal(7, model.IrVersion);
        Assert.Equal("pytorch", model.ProducerName);
        Assert.Equal(13, model.Opsets[""]);
        var graph = model.Graph;
        Assert.Equal("main_graph", graph.Name);
        Assert.Equal(["MatMul", "Add", "LayerNormalization", "Constant"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal(["dense.bias", "h"], graph.Nodes[1].Inputs);
        Assert.Equal(["y"], graph.Nodes[1].Outputs);
        Assert.Equal(1e-12f, graph.Nodes[2].Attribute("epsilon")!.Float);
        Assert.Equal([-1L], graph.Nodes[2].Attribute("axes")!.Ints);
        Assert.Equal([4L, 8L], graph.Nodes[3].Attribute("value")!.Tensor!.ToInt64());

        var w0 = graph.Initializers[0];
        Assert.Equal("W0", w0.Name);
        Assert.Equal([2L, 3L], w0.Dims);
        Assert.True(w0.HasRawData);
        Assert.Equal([1f, 2, 3, 4, 5, 6], w0.ToFloat32());
        Assert.Equal([0.5f, -1f, 2f], graph.Initializers[1].ToFloat32());
        Assert.False(graph.Initializers[1].HasRawData);
        Assert.Equal([7L], graph.Initializers[2].ToInt64());

        var external = graph.Initializers[3];
        Assert.True(external.IsExternal);
        Assert.Equal("weights.bin", external.ExternalData["location"]);
        Assert.Contains("external file (weights.bin)", Assert.Throws<InvalidDataException>(() => external.ToFloat32()).Message);

        Assert.Equal("x", graph.Inputs[0].Name);
        Assert.Equal([null, 2L], graph.Inputs[0].Shape);
        Assert.Equal(["batch", null], graph.Inputs[0].DimNames);
        Assert.Equal(OnnxDataType.Float, graph.Outputs[0].ElementType);
    }

    [Fact]
    public void ToFloat32_RawDataOfWrongSize_FailsNamingTheTensor()
    {
        var model = OnnxReader.Read(W.Model(W.Graph([], [W.RawTensor("w", OnnxDataType.Float, [3], new byte[8])], [], [])), "m.onnx");
        var e = Assert.Throws<InvalidDataException>(() => model.Graph.Initializers[0].ToFloat32());
        Assert.Contains("tensor 'w': raw_data holds 8 bytes but dims [3] of Float need 12", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "not a valid ONNX protobuf")] // graph length past the end
    [InlineData(new byte[] { 0x08 }, "not a valid ONNX protobuf")] // tag without its varint
    [InlineData(new byte[] { 0x08, 0x07 }, "no graph")] // ir_version only
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "small.onnx")] // a zip, not ONNX
    [InlineData(new byte[] { }, "file is empty")]
    public void Read_Garbage_FailsWithOnnxFormatException(byte[] bytes, string expected)
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxReader.Read(bytes, "small.onnx"));
        Assert.StartsWith("small.onnx: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Read_RandomBytes_NeverCrashesOrHangs()
    {
        var random = new Random(42);
        var valid = SmallModel();
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = 0; k < 1 + trial % 8; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (trial % 3 == 0) bytes = bytes[..random.Next(1, bytes.Length)];
            try
            {
                var model = OnnxReader.Read(bytes, "fuzz.onnx");
                Assert.NotNull(model.Graph);
            }
            catch (OnnxFormatException)
            {
                // Expected for most mutations.
            }
        }
    }

    [Fact]
    public void Read_MoreNodesThanTheCap_IsRejected()
    {
        var graph = W.Graph(Enumerable.Range(0, 5).Select(i => W.Node("Relu", [$"x{i}"], [$"y{i}"])), [], [], []);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxReader.Read(W.Model(graph), "m.onnx", new OnnxLimits { MaxNodes = 4 }));
        Assert.Contains("more than 4 nodes", e.Message);
    }

    [Fact]
    public void Read_NegativeDimension_IsRejected()
    {
        var graph = W.Graph([], [W.RawTensor("w", OnnxDataType.Float, [-1], [])], [], []);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxReader.Read(W.Model(graph), "m.onnx"));
        Assert.Contains("negative dimension -1", e.Message);
    }
}
