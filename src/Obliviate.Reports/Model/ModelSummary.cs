namespace Obliviate.Reports.Model;

/// <summary>The base model of a run.</summary>
/// <param name="Name">As given on the command line (a folder or a short name).</param>
/// <param name="BaseModelNameOrPath">The upstream id for embedded models, else the folder.</param>
/// <param name="WeightsSha256">SHA-256 of the weights file (of the index for sharded weights); null where it was not read.</param>
public sealed record ModelSummary(string Name, string BaseModelNameOrPath, string ModelType, int HiddenSize, int Layers, int Heads,
    string? WeightsSha256 = null);
