namespace Obliviate.Formats.Onnx;

/// <summary>A graph node (<c>NodeProto</c>). Empty input names mean an omitted optional input.</summary>
public sealed record OnnxNode
{
    public string Name { get; init; } = "";
    public required string OpType { get; init; }
    public string Domain { get; init; } = "";
    public required IReadOnlyList<string> Inputs { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }
    public IReadOnlyList<OnnxAttribute> Attributes { get; init; } = [];

    public OnnxAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
}
