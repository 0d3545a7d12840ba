namespace Obliviate.Formats.TensorFlow;

/// <summary>Every node of a SavedModel's meta graphs or of a frozen GraphDef, function library included.</summary>
public sealed record TfGraph(IReadOnlyList<TfNode> Nodes, int MetaGraphs, int Functions);
