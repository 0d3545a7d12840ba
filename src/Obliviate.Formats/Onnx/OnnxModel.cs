namespace Obliviate.Formats.Onnx;

/// <summary>An ONNX model (<c>ModelProto</c>): format facts and the main graph.</summary>
public sealed record OnnxModel
{
    public long IrVersion { get; init; }
    public string ProducerName { get; init; } = "";
    public string ProducerVersion { get; init; } = "";

    /// <summary>Operator set imports: domain ("" is the default ONNX domain) → version.</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; init; } = new Dictionary<string, long>();

    public required OnnxGraph Graph { get; init; }
}
