namespace Obliviate.Formats.TensorFlow;

/// <summary>One NodeDef: its name, op and where it lives (the main graph, or a function of the graph's library).</summary>
/// <param name="Function">The FunctionDef's name, or null for a node of the graph itself.</param>
/// <param name="StringAttributes">Attributes whose value is a string (e.g. PyFunc's "token"), by name.</param>
public sealed record TfNode(string Name, string Op, string? Function, IReadOnlyDictionary<string, string> StringAttributes);
