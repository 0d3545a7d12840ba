using System.Globalization;
using System.Text.RegularExpressions;
using Obliviate.Formats.Onnx;

namespace Obliviate.Engine.Models.Onnx;

/// <summary>
/// Infers a BERT <see cref="EncoderConfig"/> from an exported graph and its named weights: sizes from the weight
/// shapes, the head count from the attention Reshape constants (or, failing that, from the 1/√d score scale), the
/// LayerNorm epsilon from a LayerNormalization attribute or the decomposed <c>Add(var, eps) → Sqrt</c>, and the
/// activation from the ops present. Anything that does not look like a BERT-family encoder is rejected by name.
/// </summary>
internal static partial class OnnxBertConfigInference
{
    [GeneratedRegex(@"^encoder\.layer\.(\d+)\.")]
    private static partial Regex LayerPrefix();

    internal static readonly string[] EmbeddingKeys =
    [
        "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
    ];

    internal static readonly string[] LayerKeys =
    [
        "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
        "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight",
        "attention.output.dense.bias", "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    ];

    public static EncoderConfig Infer(OnnxGraphIndex index, IReadOnlyDictionary<string, OnnxBertWeightMapper.MappedTensor> weights,
        int padTokenId, string source)
    {
        string NotBert(string why) => $"{source}: not a BERT-family encoder graph: {why}";
        foreach (var key in EmbeddingKeys)
        {
            if (!weights.ContainsKey(key)) throw new InvalidDataException(NotBert($"no '{key}' tensor."));
        }
        var word = weights["embeddings.word_embeddings.weight"].Shape;
        if (word.Length != 2) throw new InvalidDataException(NotBert("word embeddings are not 2-D."));
        var hidden = (int)word[1];

        var layerIds = weights.Keys.Select(k => LayerPrefix().Match(k)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        if (layerIds.Count == 0) throw new InvalidDataException(NotBert("no encoder.layer.N tensors."));
        if (layerIds[0] != 0 || layerIds[^1] != layerIds.Count - 1)
            throw new InvalidDataException(NotBert($"encoder layers are not numbered 0..N-1 (found {string.Join(", ", layerIds)})."));
        foreach (var layer in layerIds)
        foreach (var key in LayerKeys)
        {
            if (!weights.ContainsKey($"encoder.layer.{layer}.{key}"))
                throw new InvalidDataException(NotBert($"no 'encoder.layer.{layer}.{key}' tensor."));
        }

        var intermediate = (int)weights["encoder.layer.0.intermediate.dense.bias"].Shape[0];
        var config = new EncoderConfig
        {
            ModelType = "bert",
            VocabSize = (int)word[0],
            HiddenSize = hidden,
            NumHiddenLayers = layerIds.Count,
            NumAttentionHeads = InferHeads(index, hidden, source),
            IntermediateSize = intermediate,
            HiddenAct = InferActivation(index, source),
            MaxPositionEmbeddings = (int)weights["embeddings.position_embeddings.weight"].Shape[0],
            TypeVocabSize = (int)weights["embeddings.token_type_embeddings.weight"].Shape[0],
            LayerNormEps = InferEpsilon(index, source),
            PadTokenId = padTokenId,
        };
        CheckShapes(config, weights, source);
        return config.Validate(source);
    }

    private static int InferHeads(OnnxGraphIndex index, int hidden, string source)
    {
        // The Q/K/V projections are reshaped to [B, T, heads, head_dim]: the shape is a constant or a Concat whose
        // trailing parts are constants.
        foreach (var node in index.Graph.Nodes.Where(n => n.OpType == "Reshape" && n.Inputs.Count >= 2))
        {
            if (!IsAttentionProjection(index, node.Inputs[0])) continue;
            var tail = ConstantTail(index, node.Inputs[1]);
            if (tail.Count >= 2 && tail[^2] > 0 && tail[^1] > 0 && tail[^2] * tail[^1] == hidden) return (int)tail[^2];
        }
        // Fallback: scores are divided by √head_dim (or multiplied by its inverse) before the softmax.
        foreach (var softmax in index.Graph.Nodes.Where(n => n.OpType == "Softmax"))
        {
            for (var node = Producer(index, softmax.Inputs[0]); node is not null && node.OpType is "Add" or "Div" or "Mul";
                 node = Producer(index, node.Inputs[0]))
            {
                if (node.OpType is not ("Div" or "Mul") || node.Inputs.Count != 2) continue;
                var scale = index.ConstantValue(node.Inputs[1]);
                if (scale is null || scale.ElementCount != 1) continue;
                double s = scale.ToFloat32()[0];
                var headDim = node.OpType == "Div" ? s * s : 1 / (s * s);
                var heads = hidden / Math.Round(headDim);
                if (Math.Abs(heads - Math.Round(heads)) < 1e-6 && heads >= 1) return (int)Math.Round(heads);
            }
        }
        throw new InvalidDataException($"{source}: cannot infer the number of attention heads (no attention Reshape constants or score scale).");
    }

    private static bool IsAttentionProjection(OnnxGraphIndex index, string value)
    {
        var producer = Producer(index, value);
        return producer is { OpType: "Add" } && producer.Inputs.Any(i =>
            i.EndsWith(".query.bias", StringComparison.Ordinal) || i.EndsWith(".key.bias", StringComparison.Ordinal) ||
            i.EndsWith(".value.bias", StringComparison.Ordinal));
    }

    /// <summary>The trailing constant int64 values of a shape operand (a constant, or a Concat of constants and dynamic parts).</summary>
    private static List<long> ConstantTail(OnnxGraphIndex index, string shapeValue)
    {
        if (index.ConstantValue(shapeValue) is { } direct) return TryInt64(direct);
        var concat = Producer(index, shapeValue);
        if (concat is not { OpType: "Concat" }) return [];
        var tail = new List<long>();
        foreach (var part in concat.Inputs)
        {
            if (index.ConstantValue(part) is { } c) tail.AddRange(TryInt64(c));
            else tail.Clear();
        }
        return tail;
    }

    private static List<long> TryInt64(OnnxTensor t) =>
        t.DataType is OnnxDataType.Int64 or OnnxDataType.Int32 ? t.ToInt64().ToList() : [];

    private static OnnxNode? Producer(OnnxGraphIndex index, string value) => index.Producers.GetValueOrDefault(value);

    private static double InferEpsilon(OnnxGraphIndex index, string source)
    {
        var fused = index.Graph.Nodes.FirstOrDefault(n => n.OpType == "LayerNormalization");
        if (fused is not null) return fused.Attribute("epsilon")?.Float is { } eps ? eps : 1e-5; // the ONNX default
        // Decomposed LayerNorm: (x - mean) / Sqrt(ReduceMean((x - mean)^2) + eps).
        foreach (var sqrt in index.Graph.Nodes.Where(n => n.OpType == "Sqrt"))
        {
            var add = Producer(index, sqrt.Inputs[0]);
            if (add is not { OpType: "Add" } || add.Inputs.Count != 2) continue;
            if (Producer(index, add.Inputs[0]) is not { OpType: "ReduceMean" }) continue;
            if (index.ConstantValue(add.Inputs[1]) is { } c && c.ElementCount == 1)
            {
                // The float32 constant is widened through its shortest round-trip text, so 1e-12 stays 1e-12.
                var value = c.ToFloat32()[0];
                return double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidDataException($"{source}: cannot infer layer_norm_eps (no LayerNormalization or Sqrt(var + eps) pattern).");
    }

    private static string InferActivation(OnnxGraphIndex index, string source)
    {
        var ops = index.Graph.Nodes.Select(n => n.OpType).ToHashSet(StringComparer.Ordinal);
        if (ops.Contains("Erf")) return "gelu"; // exact GELU: x · ½(1 + erf(x/√2))
        if (index.Graph.Nodes.FirstOrDefault(n => n.OpType == "Gelu") is { } gelu)
            return gelu.Attribute("approximate")?.String == "tanh" ? "gelu_pytorch_tanh" : "gelu";
        if (ops.Contains("Relu")) return "relu";
        throw new InvalidDataException($"{source}: cannot infer hidden_act (no Erf, Gelu or Relu op in the graph).");
    }

    private static void CheckShapes(EncoderConfig c, IReadOnlyDictionary<string, OnnxBertWeightMapper.MappedTensor> w, string source)
    {
        void Expect(string key, params long[] shape)
        {
            if (!w[key].Shape.SequenceEqual(shape))
                throw new InvalidDataException(
                    $"{source}: '{key}' has shape [{string.Join(", ", w[key].Shape)}], expected [{string.Join(", ", shape)}].");
        }
        long h = c.HiddenSize, i = c.IntermediateSize;
        Expect("embeddings.position_embeddings.weight", c.MaxPositionEmbeddings, h);
        Expect("embeddings.token_type_embeddings.weight", c.TypeVocabSize, h);
        Expect("embeddings.LayerNorm.weight", h);
        if (w.ContainsKey("pooler.dense.weight"))
        {
            Expect("pooler.dense.weight", h, h);
            if (w.ContainsKey("pooler.dense.bias")) Expect("pooler.dense.bias", h);
        }
        for (var l = 0; l < c.NumHiddenLayers; l++)
        {
            var p = $"encoder.layer.{l}.";
            foreach (var proj in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                Expect(p + proj + ".weight", h, h);
                Expect(p + proj + ".bias", h);
            }
            Expect(p + "intermediate.dense.weight", i, h);
            Expect(p + "output.dense.weight", h, i);
            Expect(p + "output.dense.bias", h);
        }
    }
}
