namespace Obliviate.Formats.Onnx;

/// <summary>A node attribute (<c>AttributeProto</c>): the scalar, list and tensor forms this reader keeps.</summary>
public sealed record OnnxAttribute
{
    public required string Name { get; init; }

    /// <summary><c>AttributeProto.AttributeType</c>: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 5 GRAPH, 6 FLOATS, 7 INTS, 8 STRINGS…</summary>
    public int Type { get; init; }
    public float? Float { get; init; }
    public long? Int { get; init; }
    public string? String { get; init; }
    public OnnxTensor? Tensor { get; init; }
    public IReadOnlyList<float> Floats { get; init; } = [];
    public IReadOnlyList<long> Ints { get; init; } = [];
}
