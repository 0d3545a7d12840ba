using Obliviate.Formats.Onnx;

namespace Obliviate.Engine.Models.Onnx;

/// <summary>
/// Gives every BERT weight of an exported ONNX graph its Hugging Face name. PyTorch's exporter keeps the names of
/// tensors used directly (embeddings, biases, LayerNorms, Gemm weights) but folds each <c>nn.Linear</c> weight into an
/// anonymous, transposed MatMul initializer ([in, out]). The bias Add that consumes the MatMul output still carries
/// the Linear's name, so <c>X.bias</c> names the weight <c>X.weight</c>, transposed back to [out, in].
/// </summary>
internal static class OnnxBertWeightMapper
{
    /// <summary>A weight with its HF name, shape and F32 values (row-major).</summary>
    internal sealed record MappedTensor(string Name, long[] Shape, float[] Values);

    public static Dictionary<string, MappedTensor> Map(OnnxGraphIndex index, string source)
    {
        var result = new Dictionary<string, MappedTensor>(StringComparer.Ordinal);
        void Put(string name, long[] shape, float[] values)
        {
            if (!result.TryAdd(name, new MappedTensor(name, shape, values)))
                throw new InvalidDataException($"{source}: two graph tensors map to '{name}'.");
        }

        // Gemm computes A·op(B) + C with op = transpose when transB=1, so an [out, in] Linear weight has transB=1.
        // A Gemm weight stored [in, out] (transB=0) is transposed; an anonymous one is named through its bias C.
        var gemmWeights = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in index.Graph.Nodes)
        {
            if (node.OpType != "Gemm" || node.Inputs.Count < 3) continue;
            var weight = index.Initializers.GetValueOrDefault(node.Inputs[1]);
            var bias = node.Inputs[2];
            if (weight is null || weight.Dims.Count != 2 || node.Attribute("transA")?.Int is 1) continue;
            var transposed = node.Attribute("transB")?.Int is 1;
            if (transposed && IsHfName(weight.Name)) continue; // already [out, in] under its own name
            var name = IsHfName(weight.Name) ? weight.Name
                : bias.EndsWith(".bias", StringComparison.Ordinal) ? bias[..^".bias".Length] + ".weight"
                : throw new InvalidDataException($"{source}: Gemm '{node.Name}' uses anonymous weight '{weight.Name}' without a named '.bias'.");
            var (rows, cols) = ((int)weight.Dims[0], (int)weight.Dims[1]);
            if (transposed) Put(name, [rows, cols], weight.ToFloat32());
            else Put(name, [cols, rows], Transpose(weight.ToFloat32(), rows, cols));
            gemmWeights.Add(weight.Name);
        }

        // Named float initializers map directly; position_ids is a buffer HF recreates, not a weight.
        foreach (var t in index.Graph.Initializers)
        {
            if (!IsHfName(t.Name) || t.Name.EndsWith("position_ids", StringComparison.Ordinal) || gemmWeights.Contains(t.Name)) continue;
            if (t.DataType is not (OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.BFloat16 or OnnxDataType.Double)) continue;
            Put(t.Name, t.Dims.ToArray(), t.ToFloat32());
        }

        foreach (var node in index.Graph.Nodes)
        {
            if (node.OpType != "MatMul" || node.Inputs.Count != 2 || node.Outputs.Count != 1) continue;
            var weight = index.Initializers.GetValueOrDefault(node.Inputs[1]);
            if (weight is null || weight.Dims.Count != 2 || IsHfName(weight.Name)) continue;
            var bias = BiasOf(index, node.Outputs[0]);
            if (bias is null)
                throw new InvalidDataException(
                    $"{source}: MatMul '{node.Name}' uses weight '{weight.Name}' but feeds no Add with a named '.bias', so it cannot be named.");
            var name = bias[..^".bias".Length] + ".weight";
            var (rows, cols) = ((int)weight.Dims[0], (int)weight.Dims[1]);
            Put(name, [cols, rows], Transpose(weight.ToFloat32(), rows, cols));
        }
        return result;
    }

    /// <summary>The named <c>….bias</c> initializer added to <paramref name="value"/> by its consuming Add, if any.</summary>
    private static string? BiasOf(OnnxGraphIndex index, string value)
    {
        foreach (var consumer in index.ConsumersOf(value))
        {
            if (consumer.OpType != "Add" || consumer.Inputs.Count != 2) continue;
            var other = consumer.Inputs[0] == value ? consumer.Inputs[1] : consumer.Inputs[0];
            if (other.EndsWith(".bias", StringComparison.Ordinal) && index.Initializers.ContainsKey(other)) return other;
        }
        return null;
    }

    /// <summary>Hugging Face state-dict names are dotted paths; exporter-generated names are numbers or <c>onnx::…</c>.</summary>
    private static bool IsHfName(string name) =>
        name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("onnx::", StringComparison.Ordinal) &&
        !name.Contains("::", StringComparison.Ordinal);

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
            result[(long)c * rows + r] = values[(long)r * cols + c];
        return result;
    }
}
