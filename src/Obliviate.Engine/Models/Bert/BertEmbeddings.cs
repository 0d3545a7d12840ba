using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// <c>embeddings.*</c>: word + position + token-type embeddings, then LayerNorm and dropout, as in Hugging Face BertEmbeddings.
/// </summary>
/// <remarks>
/// <c>[B,T]</c> ids, positions and token types → <c>[B,T,H]</c>. Position ids are computed by <see cref="BertModel"/>
/// (0..T−1 for BERT, <see cref="Roberta.RobertaPositionIds"/> for RoBERTa) so this module stays family-agnostic.
/// </remarks>
public sealed class BertEmbeddings : nn.Module
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly double dropout;

    public BertEmbeddings(EncoderConfig config, Device? device = null) : base(nameof(BertEmbeddings))
    {
        ArgumentNullException.ThrowIfNull(config);
        // HF passes padding_idx to the word embeddings (and, for RoBERTa, to the position embeddings): the pad row gets no gradient.
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId, device: device);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize,
            padding_idx: config.IsRoberta ? config.PadTokenId : null, device: device);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize, device: device);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: device);
        dropout = config.HiddenDropoutProb;
        RegisterComponents();
    }

    /// <summary>The word-embedding matrix <c>[V,H]</c> (e.g. for probing the embedding space).</summary>
    public Tensor WordEmbeddingWeight => word_embeddings.weight!;

    /// <summary>Zeroes the padding rows, as nn.Embedding(padding_idx) and HF's init do.</summary>
    internal void ZeroPaddingRows(EncoderConfig config)
    {
        using var noGrad = torch.no_grad();
        word_embeddings.weight![config.PadTokenId].zero_();
        if (config.IsRoberta) position_embeddings.weight![config.PadTokenId].zero_();
    }

    /// <param name="wordEmbeddings">Used instead of looking <paramref name="inputIds"/> up when given (<c>inputs_embeds</c>).</param>
    public Tensor forward(Tensor inputIds, Tensor positionIds, Tensor tokenTypeIds, Tensor? wordEmbeddings = null)
    {
        using var scope = torch.NewDisposeScope();
        var sum = (wordEmbeddings ?? word_embeddings.forward(inputIds)) + token_type_embeddings.forward(tokenTypeIds)
                  + position_embeddings.forward(positionIds);
        return MaskDropout.Apply(LayerNorm.forward(sum), dropout, training).MoveToOuterDisposeScope();
    }
}
