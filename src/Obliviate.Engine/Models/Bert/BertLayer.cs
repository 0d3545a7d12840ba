using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// <c>encoder.layer.N</c>: one post-LN transformer block,
/// h1 = LN(Dropout(Dense_o(Attn(x))) + x); h2 = LN(Dropout(Dense_out(GELU(Dense_int(h1)))) + h1).
/// </summary>
/// <remarks>
/// <c>[B,T,H]</c> → <c>[B,T,H]</c>. The forward runs in its own dispose scope and moves only its outputs out: a single scope
/// per model forward kept every intermediate of every layer alive (torchsharp-notes §2, memory lesson).
/// </remarks>
public sealed class BertLayer : nn.Module
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertOutput output;

    public BertLayer(EncoderConfig config, Device? device = null) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config, device);
        intermediate = new BertIntermediate(config, device);
        output = new BertOutput(config, device);
        RegisterComponents();
    }

    public BertAttention Attention => attention;
    public BertIntermediate Intermediate => intermediate;
    public BertOutput Output => output;

    /// <param name="firstTokenOnly">Compute this layer's output for the first token only (<c>[B,1,H]</c>); see
    /// <see cref="EncoderInput.FirstTokenOnly"/>.</param>
    public AttentionResult forward(Tensor hidden, Tensor? additiveMask, PrefixKeyValue? prefix, bool wantProbs, bool wantScores,
        bool firstTokenOnly = false)
    {
        using var scope = torch.NewDisposeScope();
        var attended = attention.forward(hidden, additiveMask, prefix, wantProbs, wantScores, firstTokenOnly);
        var result = attended with { Hidden = output.forward(intermediate.forward(attended.Hidden), attended.Hidden) };
        result.Hidden.MoveToOuterDisposeScope();
        result.Probabilities?.MoveToOuterDisposeScope();
        result.FirstTokenScores?.MoveToOuterDisposeScope();
        return result;
    }
}
