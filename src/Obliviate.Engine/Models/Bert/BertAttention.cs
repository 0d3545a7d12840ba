using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>attention</c>: <c>self</c> (multi-head attention) then <c>output</c> (dense, residual, LayerNorm).</summary>
/// <remarks><c>[B,T,H]</c> → <c>[B,T,H]</c>, plus the optional probabilities and first-token scores of <c>self</c>.</remarks>
public sealed class BertAttention : nn.Module
{
    private readonly BertSelfAttention self;
    private readonly BertSelfOutput output;

    public BertAttention(EncoderConfig config, Device? device = null) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config, device);
        output = new BertSelfOutput(config, device);
        RegisterComponents();
    }

    public BertSelfAttention Self => self;
    public BertSelfOutput Output => output;

    public AttentionResult forward(Tensor hidden, Tensor? additiveMask, PrefixKeyValue? prefix, bool wantProbs, bool wantScores,
        bool firstTokenOnly = false)
    {
        using var scope = torch.NewDisposeScope();
        var attended = self.forward(hidden, additiveMask, prefix, wantProbs, wantScores, firstTokenOnly);
        var result = attended with { Hidden = output.forward(attended.Hidden, firstTokenOnly ? BertSelfAttention.FirstRow(hidden) : hidden) };
        result.Hidden.MoveToOuterDisposeScope();
        result.Probabilities?.MoveToOuterDisposeScope();
        result.FirstTokenScores?.MoveToOuterDisposeScope();
        return result;
    }
}
