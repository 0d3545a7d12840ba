using Obliviate.Formats.Onnx;

namespace Obliviate.Engine.Models.Onnx;

/// <summary>Lookups over an ONNX graph: initializers and Constant outputs by name, producer and consumers of each value.</summary>
internal sealed class OnnxGraphIndex
{
    public OnnxGraphIndex(OnnxGraph graph)
    {
        Graph = graph;
        foreach (var t in graph.Initializers) Initializers.TryAdd(t.Name, t);
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs) Producers.TryAdd(output, node);
            foreach (var input in node.Inputs)
            {
                if (input.Length == 0) continue;
                if (!Consumers.TryGetValue(input, out var list)) Consumers[input] = list = [];
                list.Add(node);
            }
            if (node.OpType == "Constant" && node.Outputs.Count == 1 && node.Attribute("value")?.Tensor is { } value)
                Constants.TryAdd(node.Outputs[0], value);
        }
    }

    public OnnxGraph Graph { get; }
    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OnnxTensor> Constants { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OnnxNode> Producers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<OnnxNode>> Consumers { get; } = new(StringComparer.Ordinal);

    /// <summary>An initializer or Constant output with this name.</summary>
    public OnnxTensor? ConstantValue(string name) =>
        Initializers.TryGetValue(name, out var t) ? t : Constants.GetValueOrDefault(name);

    public IReadOnlyList<OnnxNode> ConsumersOf(string name) =>
        Consumers.TryGetValue(name, out var list) ? list : [];
}
