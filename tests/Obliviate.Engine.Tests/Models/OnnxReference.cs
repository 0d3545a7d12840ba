using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Models;

/// <summary>Runs an exported BERT ONNX graph in ONNX Runtime on a token batch: the reference for parity.</summary>
internal static class OnnxReference
{
    /// <summary>last_hidden_state as a row-major <c>[B,T,H]</c> float array.</summary>
    public static float[] LastHiddenState(byte[] onnx, TokenBatch batch, int threads = 2)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        int[] dims = [batch.BatchSize, batch.SequenceLength];
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in session.InputMetadata.Keys)
        {
            var data = name switch
            {
                "input_ids" => batch.InputIds,
                "attention_mask" => batch.AttentionMask,
                "token_type_ids" => batch.TokenTypeIds,
                _ => throw new InvalidOperationException($"unexpected ONNX input '{name}'"),
            };
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(data, dims)));
        }
        using var results = session.Run(inputs);
        var output = results.FirstOrDefault(r => r.Name == "last_hidden_state") ?? results.First();
        return output.AsTensor<float>().ToArray();
    }
}
