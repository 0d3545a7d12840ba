using Obliviate.Formats.Onnx;
using W = Obliviate.Tests.Onnx.OnnxProtoWriter;

namespace Obliviate.Engine.Tests.Models.Onnx;

/// <summary>
/// Builds a tiny BERT encoder graph shaped like PyTorch's export of MiniLM: named embeddings, biases and LayerNorms;
/// anonymous [in, out] MatMul weights consumed by <c>Add(X.bias, ·)</c>; attention Reshapes to a Concat of dynamic
/// dims and (heads, head_dim) constants; decomposed LayerNorm with <c>Add(var, eps) → Sqrt</c>; exact GELU via Erf.
/// <see cref="Expected"/> holds every Hugging Face tensor as the importer must write it.
/// </summary>
internal sealed class TinyBertOnnx
{
    public int Hidden { get; init; } = 8;
    public int Heads { get; init; } = 2;
    public int Layers { get; init; } = 2;
    public int Intermediate { get; init; } = 16;
    public int Vocab { get; init; } = 12;
    public int MaxPositions { get; init; } = 10;
    public int TypeVocab { get; init; } = 2;
    public float Epsilon { get; init; } = 1e-12f;

    /// <summary>False: no attention Reshape constants, so heads must come from the 1/√d scale.</summary>
    public bool WithReshape { get; init; } = true;

    /// <summary>True: LayerNormalization ops with an epsilon attribute instead of the decomposed form.</summary>
    public bool FusedLayerNorm { get; init; }

    /// <summary>The pooler: none, a named [out, in] weight with transB=1 (as MiniLM), or an anonymous [in, out] weight with transB=0.</summary>
    public string Pooler { get; init; } = "none";

    /// <summary>A prefix on every graph tensor name, as in an export of BertForSequenceClassification (<c>bert.</c>).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>A Hugging Face key to leave out of the graph (to make it not a complete BERT).</summary>
    public string? Omit { get; init; }

    public Dictionary<string, (long[] Shape, float[] Values)> Expected { get; } = new(StringComparer.Ordinal);

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly Random _random = new(20240917);
    private int _next = 100;

    private string Fresh() => (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private float[] RandomValues(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)(_random.NextDouble() * 2 - 1)).ToArray();

    private void Named(string name, params long[] shape)
    {
        var values = RandomValues(shape.Aggregate(1L, (a, b) => a * b));
        if (name == Omit) return;
        _initializers.Add(W.FloatTensor(Prefix + name, shape, values));
        Expected[name] = (shape, values);
    }

    private string Constant(float value)
    {
        var output = Fresh();
        _nodes.Add(W.Node("Constant", [], [output], "", W.TensorAttribute("value", W.FloatTensor("", [], [value]))));
        return output;
    }

    private string Node(string op, params string[] inputs)
    {
        var output = Fresh();
        _nodes.Add(W.Node(op, inputs, [output]));
        return output;
    }

    /// <summary>MatMul with an anonymous [in, out] weight, then <c>Add(prefix.bias, ·)</c>, like torch.onnx's Linear.</summary>
    private string Linear(string input, string prefix, int inFeatures, int outFeatures)
    {
        var weight = RandomValues((long)inFeatures * outFeatures); // [in, out] row-major
        var anonymous = Fresh();
        _initializers.Add(W.FloatTensor(anonymous, [inFeatures, outFeatures], weight));
        var transposed = new float[weight.Length];
        for (var i = 0; i < inFeatures; i++)
        for (var o = 0; o < outFeatures; o++)
            transposed[o * inFeatures + i] = weight[i * outFeatures + o];
        Expected[prefix + ".weight"] = ([outFeatures, inFeatures], transposed);
        Named(prefix + ".bias", outFeatures);
        var product = Node("MatMul", input, anonymous);
        return Node("Add", Prefix + prefix + ".bias", product);
    }

    private string LayerNorm(string input, string prefix)
    {
        Named(prefix + ".weight", Hidden);
        Named(prefix + ".bias", Hidden);
        if (FusedLayerNorm)
        {
            var output = Fresh();
            _nodes.Add(W.Node("LayerNormalization", [input, Prefix + prefix + ".weight", Prefix + prefix + ".bias"], [output], "",
                W.FloatAttribute("epsilon", Epsilon)));
            return output;
        }
        var mean = Node("ReduceMean", input);
        var centered = Node("Sub", input, mean);
        var squared = Node("Pow", centered, Constant(2f));
        var variance = Node("ReduceMean", squared);
        var std = Node("Sqrt", Node("Add", variance, Constant(Epsilon)));
        return Node("Add", Node("Mul", Node("Div", centered, std), Prefix + prefix + ".weight"), Prefix + prefix + ".bias");
    }

    private string SplitHeads(string projection)
    {
        if (!WithReshape) return projection;
        var heads = Fresh();
        var headDim = Fresh();
        _initializers.Add(W.Int64Tensor(heads, [1], [Heads]));
        _initializers.Add(W.Int64Tensor(headDim, [1], [Hidden / Heads]));
        var batch = Node("Unsqueeze", Node("Gather", Node("Shape", projection)));
        var seq = Node("Unsqueeze", Node("Gather", Node("Shape", projection)));
        var shape = Node("Concat", batch, seq, heads, headDim);
        return Node("Transpose", Node("Reshape", projection, shape));
    }

    public byte[] Build()
    {
        Named("embeddings.word_embeddings.weight", Vocab, Hidden);
        Named("embeddings.position_embeddings.weight", MaxPositions, Hidden);
        Named("embeddings.token_type_embeddings.weight", TypeVocab, Hidden);
        _initializers.Add(W.Int64Tensor(Prefix + "embeddings.position_ids", [1, MaxPositions], Enumerable.Range(0, MaxPositions).Select(i => (long)i).ToArray()));
        var mask = Node("Mul", Node("Sub", Constant(1f), Node("Cast", "attention_mask")), Constant(-3.4e38f));
        var embedded = Node("Add",
            Node("Add", Node("Gather", Prefix + "embeddings.word_embeddings.weight", "input_ids"),
                Node("Gather", Prefix + "embeddings.token_type_embeddings.weight", "token_type_ids")),
            Node("Gather", Prefix + "embeddings.position_embeddings.weight", Prefix + "embeddings.position_ids"));
        var hidden = LayerNorm(embedded, "embeddings.LayerNorm");
        for (var l = 0; l < Layers; l++)
        {
            var p = $"encoder.layer.{l}.";
            var q = SplitHeads(Linear(hidden, p + "attention.self.query", Hidden, Hidden));
            var k = SplitHeads(Linear(hidden, p + "attention.self.key", Hidden, Hidden));
            var v = SplitHeads(Linear(hidden, p + "attention.self.value", Hidden, Hidden));
            var scores = Node("Div", Node("MatMul", q, Node("Transpose", k)), Constant(MathF.Sqrt(Hidden / Heads)));
            var probabilities = Node("Softmax", Node("Add", scores, mask));
            var context = Node("Reshape", Node("Transpose", Node("MatMul", probabilities, v)), Node("Concat"));
            var attention = Linear(context, p + "attention.output.dense", Hidden, Hidden);
            var afterAttention = LayerNorm(Node("Add", attention, hidden), p + "attention.output.LayerNorm");
            var up = Linear(afterAttention, p + "intermediate.dense", Hidden, Intermediate);
            var gelu = Node("Mul", Node("Mul", up, Node("Add", Node("Erf", Node("Div", up, Constant(1.4142135f))), Constant(1f))), Constant(0.5f));
            var down = Linear(gelu, p + "output.dense", Intermediate, Hidden);
            hidden = LayerNorm(Node("Add", down, afterAttention), p + "output.LayerNorm");
        }
        if (Pooler != "none")
        {
            var first = Node("Gather", hidden, Node("Constant"));
            Named("pooler.dense.bias", Hidden);
            string weightName;
            if (Pooler == "named")
            {
                Named("pooler.dense.weight", Hidden, Hidden);
                weightName = Prefix + "pooler.dense.weight";
            }
            else
            {
                var weight = RandomValues((long)Hidden * Hidden); // [in, out]
                weightName = Fresh();
                _initializers.Add(W.FloatTensor(weightName, [Hidden, Hidden], weight));
                var transposed = new float[weight.Length];
                for (var i = 0; i < Hidden; i++)
                for (var o = 0; o < Hidden; o++)
                    transposed[o * Hidden + i] = weight[i * Hidden + o];
                Expected["pooler.dense.weight"] = ([Hidden, Hidden], transposed);
            }
            var pooled = Fresh();
            _nodes.Add(W.Node("Gemm", [first, weightName, Prefix + "pooler.dense.bias"], [pooled], "",
                W.IntAttribute("transB", Pooler == "named" ? 1 : 0)));
            Node("Tanh", pooled);
        }
        return W.Model(W.Graph(_nodes, _initializers,
            [
                W.ValueInfo("input_ids", OnnxDataType.Int64, "batch", "sequence"),
                W.ValueInfo("attention_mask", OnnxDataType.Int64, "batch", "sequence"),
                W.ValueInfo("token_type_ids", OnnxDataType.Int64, "batch", "sequence"),
            ],
            [W.ValueInfo(hidden, OnnxDataType.Float, "batch", "sequence", (long)Hidden)]));
    }

    /// <summary>A vocab of <see cref="Vocab"/> tokens: the BERT specials then lower-case (or mixed-case) words.</summary>
    public byte[] VocabFile(bool cased = false)
    {
        var tokens = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        for (var i = tokens.Count; i < Vocab; i++) tokens.Add(cased ? $"Word{i}" : $"word{i}");
        return System.Text.Encoding.UTF8.GetBytes(string.Join("\n", tokens) + "\n");
    }
}
