using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Roberta;

/// <summary>
/// RoBERTa position ids, as transformers' <c>create_position_ids_from_input_ids</c>: real tokens are numbered
/// padding_idx + 1, padding_idx + 2, … (a cumulative sum over non-pad tokens) and pads get padding_idx itself.
/// </summary>
/// <remarks><c>[B,T]</c> int64 ids → <c>[B,T]</c> int64 positions. With pad = 1, real tokens start at position 2.</remarks>
public static class RobertaPositionIds
{
    public static Tensor Create(Tensor inputIds, long paddingIdx, long pastLength = 0)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        using var scope = torch.NewDisposeScope();
        // Pads are found from the ids, not the attention mask: that is what transformers does, and it keeps positions
        // of a left-truncated or mask-edited batch identical to the reference.
        var notPad = inputIds.ne(paddingIdx).to(ScalarType.Int64);
        var positions = (notPad.cumsum(1) + pastLength) * notPad + paddingIdx;
        return positions.MoveToOuterDisposeScope();
    }
}
