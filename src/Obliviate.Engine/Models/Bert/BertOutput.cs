using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>output</c>: the FFN's second dense (intermediate→H), dropout, optional adapter, residual + LayerNorm.</summary>
/// <remarks><c>[B,T,I]</c> + residual <c>[B,T,H]</c> → <c>[B,T,H]</c>.</remarks>
public sealed class BertOutput : BertResidualOutput
{
    public BertOutput(EncoderConfig config, Device? device = null)
        : base(nameof(BertOutput), (config ?? throw new ArgumentNullException(nameof(config))).IntermediateSize, config, device)
    {
    }
}
