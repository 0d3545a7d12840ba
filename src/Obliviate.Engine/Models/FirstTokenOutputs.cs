using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models;

/// <summary>The encoder's first-token output h_cls (last hidden state at position 0), the vector the attacks steer.</summary>
public static class FirstTokenOutputs
{
    /// <summary>h_cls of a padded batch, <c>[B,H]</c>; gradients flow when the caller allows them.</summary>
    public static Tensor Forward(BertModel encoder, TokenBatch batch, Device device)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = torch.NewDisposeScope();
        var output = encoder.forward(EncoderInput.FromBatch(batch, device, firstTokenOnly: true));
        return output.LastHiddenState.select(1, 0).MoveToOuterDisposeScope();
    }

    /// <summary>h_cls of every row, in eval mode without gradients, as plain arrays (one per row, in the given order).</summary>
    /// <remarks>Rows are batched by length, so each batch pads little; the results return in the caller's order.</remarks>
    public static float[][] Compute(BertModel encoder, TextTokenizer tokenizer, IReadOnlyList<EncodedText> rows, int maxLength, Device device,
        int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(rows);
        encoder.eval();
        using var inference = torch.inference_mode();
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Length).ThenBy(i => i).ToArray();
        var result = new float[rows.Count][];
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var chunk = order.Skip(start).Take(batchSize).Select(i => rows[i]).ToList();
            var batch = tokenizer.Pad(chunk, Math.Min(maxLength, chunk.Max(r => r.Length)));
            var h = Forward(encoder, batch, device).cpu().contiguous();
            var hidden = (int)h.shape[1];
            var values = h.data<float>().ToArray();
            for (var i = 0; i < chunk.Count; i++) result[order[start + i]] = values.AsSpan(i * hidden, hidden).ToArray();
        }
        return result;
    }
}
