using Obliviate.Engine.Classification;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Probe;

/// <summary>
/// Runs probe rows through an encoder — the base model, or the base model with a trained PEFT adapter attached — and
/// returns what a downstream head reads (the first token's last hidden state) and how much of the first token's attention
/// the inserted tokens take in the last layers. Inference only: no autograd, length-sorted batches.
/// </summary>
public sealed class ProbeEncoder
{
    private readonly BertModel encoder;
    private readonly PeftClassifier? adapted;
    private readonly TextTokenizer tokenizer;
    private readonly Device device;
    private readonly int attentionLayers;

    public ProbeEncoder(BertModel encoder, PeftClassifier? adapted, TextTokenizer tokenizer, Device device, int attentionLayers)
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        this.adapted = adapted;
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        this.device = device;
        this.attentionLayers = Math.Clamp(attentionLayers, 1, encoder.Config.NumHiddenLayers);
        encoder.eval();
        adapted?.eval();
    }

    public int Hidden => encoder.Config.HiddenSize;

    public TextTokenizer Tokenizer => tokenizer;

    /// <summary>The first-token output of every row (<c>[H]</c> each) and the attention share its inserted tokens take.</summary>
    public (float[][] Cls, float[] Share) Run(IReadOnlyList<ProbeRow> rows, int batchSize, Action<int>? advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cls = new float[rows.Count][];
        var share = new float[rows.Count];
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Ids.Length).ThenBy(i => i).ToArray();
        NativeMemory.UseInferenceAllocator();
        using var inference = torch.inference_mode();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(batchSize, order.Length - start);
            var chunk = order.Skip(start).Take(count).Select(i => rows[i]).ToList();
            var batch = tokenizer.Pad([.. chunk.Select(r => new EncodedText(r.Ids, new int[r.Ids.Length]))], chunk.Max(r => r.Ids.Length));
            var output = Forward(batch, withAttention: true);
            var first = output.LastHiddenState.select(1, 0).contiguous().cpu().data<float>().ToArray();
            var prefix = adapted?.Peft.Prefix?.PrefixLength ?? 0;
            // The first token's attention in the last layers: its pre-softmax scores [B, heads, P+T] (the rest of attention
            // keeps the fused kernel), masked like the model masks them, softmaxed, then averaged over heads and layers.
            var scores = output.FirstTokenScores!;
            var tokens = torch.tensor(batch.AttentionMask, [batch.BatchSize, batch.SequenceLength], device: device).eq(0);
            var padding = (prefix > 0 ? torch.cat([torch.zeros(batch.BatchSize, prefix, ScalarType.Bool, device: device), tokens], 1) : tokens).unsqueeze(1);
            var rowProbs = scores.Skip(scores.Count - attentionLayers)
                .Select(s => s.masked_fill(padding, float.NegativeInfinity).softmax(-1).mean([1]))
                .Aggregate((a, b) => a.add(b)).div(attentionLayers);
            var probs = rowProbs.contiguous().cpu().data<float>().ToArray();
            var columns = (int)rowProbs.shape[1];
            for (var i = 0; i < count; i++)
            {
                var index = order[start + i];
                cls[index] = first.AsSpan(i * Hidden, Hidden).ToArray();
                var row = rows[index];
                float s = 0;
                for (var t = 0; t < row.Count; t++) s += probs[i * columns + prefix + row.At + t];
                share[index] = s;
            }
            advanced?.Invoke(count);
            if (start / batchSize % NativeMemory.InferenceInterval == NativeMemory.InferenceInterval - 1) NativeMemory.Trim();
        }
        return (cls, share);
    }

    /// <summary>The encoder forward for the first token's output (<c>[B,1,H]</c>), through the adapter's prefix when it has one.</summary>
    internal EncoderOutput Forward(TokenBatch batch, bool withAttention, Tensor? wordEmbeddings = null)
    {
        var input = EncoderInput.FromBatch(batch, device, outputFirstTokenScores: withAttention, firstTokenOnly: true) with { WordEmbeddings = wordEmbeddings };
        if (adapted?.Peft.Prefix is { } prefix) input = input with { Prefix = prefix.forward(batch.BatchSize) };
        return encoder.forward(input);
    }

    /// <summary>The word-embedding matrix of the encoder <c>[V,H]</c>.</summary>
    internal Tensor WordEmbeddingWeight => encoder.Embeddings.WordEmbeddingWeight;

    internal Device Device => device;
}
