using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Tokenization;
using TorchSharp;

namespace Obliviate.Engine.Tests.Models;

/// <summary>
/// The TorchSharp encoder, loaded from the imported safetensors, against ONNX Runtime on the packaged ONNX graph:
/// last_hidden_state within 1e-4 on real tokens and mean-pooled sentence embeddings with cosine ≥ 0.9999 (issue 3, item 7).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ParityTests
{
    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "a gripping , funny and ultimately heartbreaking film about growing up .",
        "It's a dull, lifeless movie; I wanted my money back!",
        "Obliviate neutralises task-agnostic backdoors in parameter-efficient fine-tuning.",
    ];

    [SkippableTheory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public void TorchSharp_matches_onnx_runtime_on_real_sentences(string name)
    {
        var embedded = EmbeddedTestModels.ByName(name);
        var folder = EmbeddedTestModels.Folder(embedded);
        var tokenizer = TokenizerLoader.FromFolder(folder);
        var batch = tokenizer.EncodeBatch(Sentences, maxLength: 128);
        var reference = OnnxReference.LastHiddenState(EmbeddedTestModels.Onnx(embedded), batch);

        using var model = BertModel.FromPretrained(folder);
        Assert.Equal(name == "minilm", model.HasPooler);
        float[] ours;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            ours = model.forward(EncoderInput.FromBatch(batch)).LastHiddenState.contiguous().data<float>().ToArray();
        }

        var hidden = (int)model.Config.HiddenSize;
        Assert.Equal(reference.Length, ours.Length);
        var maxDiff = 0.0;
        for (var row = 0; row < batch.BatchSize; row++)
        {
            var meanOurs = new double[hidden];
            var meanRef = new double[hidden];
            for (var t = 0; t < batch.Lengths[row]; t++)
            {
                var offset = (row * batch.SequenceLength + t) * hidden;
                for (var h = 0; h < hidden; h++)
                {
                    maxDiff = Math.Max(maxDiff, Math.Abs(ours[offset + h] - reference[offset + h]));
                    meanOurs[h] += ours[offset + h];
                    meanRef[h] += reference[offset + h];
                }
            }
            var cosine = Cosine(meanOurs, meanRef);
            Assert.True(cosine >= 0.9999, $"{name} row {row}: mean-pooled cosine {cosine}");
        }
        Assert.True(maxDiff <= 1e-4, $"{name}: last_hidden_state max abs diff {maxDiff:E3} on real tokens");
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
