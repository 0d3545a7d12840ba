namespace Obliviate.Formats.Onnx;

/// <summary>The main graph (<c>GraphProto</c>): nodes in file order, initializers, inputs and outputs.</summary>
public sealed record OnnxGraph
{
    public string Name { get; init; } = "";
    public required IReadOnlyList<OnnxNode> Nodes { get; init; }
    public required IReadOnlyList<OnnxTensor> Initializers { get; init; }
    public required IReadOnlyList<OnnxValueInfo> Inputs { get; init; }
    public required IReadOnlyList<OnnxValueInfo> Outputs { get; init; }
}
