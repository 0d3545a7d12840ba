using Obliviate.Formats.TensorFlow;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.TensorFlow;

public sealed class TensorFlowGraphReaderTests
{
    [Fact]
    public void Saved_model_nodes_and_function_bodies_are_read_with_their_location()
    {
        var graph = TfGraphBytes.Graph([TfGraphBytes.Node("x", "Placeholder"), TfGraphBytes.Node("call", "StatefulPartitionedCall")],
            TfGraphBytes.Function("__inference_serve_12", TfGraphBytes.Node("py", "EagerPyFunc", ("token", "pyfunc_0")), TfGraphBytes.Node("id", "Identity")));
        var g = TensorFlowGraphReader.ReadSavedModel(TfGraphBytes.SavedModel(graph));
        Assert.Equal((1, 1), (g.MetaGraphs, g.Functions));
        Assert.Equal(["Placeholder", "StatefulPartitionedCall", "EagerPyFunc", "Identity"], g.Nodes.Select(n => n.Op));
        var py = g.Nodes.Single(n => n.Op == "EagerPyFunc");
        Assert.Equal(("__inference_serve_12", "pyfunc_0"), (py.Function, py.StringAttributes["token"]));
        Assert.Null(g.Nodes[0].Function);
    }

    [Fact]
    public void A_frozen_graph_def_is_read_too()
    {
        var g = TensorFlowGraphReader.ReadGraphDef(TfGraphBytes.Graph([TfGraphBytes.Node("f", "ReadFile")]));
        Assert.Equal("ReadFile", Assert.Single(g.Nodes).Op);
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x05, 0x01 })]
    [InlineData(new byte[] { 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f })]
    [InlineData(new byte[] { 0x08, 0x01 })]
    [InlineData(new byte[] { 0x13 })]
    public void Malformed_or_empty_messages_are_invalid_data(byte[] data) =>
        Assert.Throws<InvalidDataException>(() => TensorFlowGraphReader.ReadSavedModel(data));

    [Fact]
    public void Fingerprints_and_keras_metadata_are_recognised()
    {
        Assert.True(TensorFlowGraphReader.IsFingerprint([0x08, 0x01, 0x10, 0x02, 0x18, 0x03, 0x20, 0x04, 0x28, 0x05, 0x32, 0x00]));
        Assert.False(TensorFlowGraphReader.IsFingerprint(TfGraphBytes.Graph([TfGraphBytes.Node("a", "Const")])));
        // SavedMetadata { nodes = 1 { node_id = 2; node_path = 3; identifier = 4; metadata = 5 } }
        byte[] node = [0x10, 0x01, 0x1a, 0x04, .. "root"u8, 0x22, 0x04, .. "_tf_"u8, 0x2a, 0x07, .. "{\"a\":1}"u8];
        Assert.Equal(["{\"a\":1}"], TensorFlowGraphReader.ReadKerasMetadata([0x0a, (byte)node.Length, .. node]));
    }
}
