using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>attention.output</c>: dense H→H, dropout, optional adapter, residual + LayerNorm.</summary>
/// <remarks><c>[B,T,H]</c> context + residual → <c>[B,T,H]</c>.</remarks>
public sealed class BertSelfOutput : BertResidualOutput
{
    public BertSelfOutput(EncoderConfig config, Device? device = null)
        : base(nameof(BertSelfOutput), (config ?? throw new ArgumentNullException(nameof(config))).HiddenSize, config, device)
    {
    }
}
