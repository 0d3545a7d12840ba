namespace Obliviate.Reports.Inspection;

/// <summary>The encoder hyperparameters of a model's <c>config.json</c>, as <c>inspect</c> shows them.</summary>
public sealed record ArchitectureSummary(string ModelType, int Layers, int HiddenSize, int Heads, int IntermediateSize, string HiddenAct,
    int VocabSize, int MaxPositionEmbeddings, int TypeVocabSize, double LayerNormEps);
