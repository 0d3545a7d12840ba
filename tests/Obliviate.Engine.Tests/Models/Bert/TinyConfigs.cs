using Obliviate.Engine.Models;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>Tiny encoder configurations: every size distinct, so a transposed or misplaced tensor shows in the shape approvals.</summary>
internal static class TinyConfigs
{
    public static EncoderConfig Bert => new()
    {
        ModelType = "bert",
        VocabSize = 50,
        HiddenSize = 16,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 24,
        MaxPositionEmbeddings = 20,
        TypeVocabSize = 2,
        PadTokenId = 0,
        LayerNormEps = 1e-12,
        HiddenDropoutProb = 0.1,
        AttentionProbsDropoutProb = 0.1,
    };

    public static EncoderConfig Roberta => Bert with
    {
        ModelType = "roberta",
        TypeVocabSize = 1,
        PadTokenId = 1,
        MaxPositionEmbeddings = 22,
        LayerNormEps = 1e-5,
    };
}
