namespace Obliviate.Engine.Defense;

/// <summary>The base model of a run, as recorded in <c>eval_results.json</c>.</summary>
/// <param name="Name">As given on the command line (a folder or a short name).</param>
/// <param name="BaseModelNameOrPath">The upstream id for embedded models, else the folder.</param>
public sealed record ModelSummary(string Name, string BaseModelNameOrPath, string ModelType, int HiddenSize, int Layers, int Heads);
