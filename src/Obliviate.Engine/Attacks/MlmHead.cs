using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using Obliviate.Formats.SafeTensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// A masked-LM head for NeuBA: dense → GELU → LayerNorm → a decoder tied to the word embeddings, plus an output bias
/// (Hugging Face's <c>BertLMPredictionHead</c> / <c>RobertaLMHead</c>).
/// </summary>
/// <remarks>
/// A checkpoint's own head (<c>cls.predictions.*</c> or <c>lm_head.*</c>) is loaded when present. The embedded models ship
/// without one: the transform is then freshly initialised (N(0, initializer_range), LayerNorm 1/0, bias 0) from the run's
/// seed, fitted alone on the frozen encoder for the first warm-up steps (see <see cref="AttackSettings.MlmHeadWarmup"/>),
/// then trained jointly with the encoder; its decoder stays tied to the word embeddings but passes no gradient into them.
/// Either way the head only serves the attack's MLM loss and is not saved: the output folder holds the encoder, which is
/// what downstream classifiers build on.
/// </remarks>
public sealed class MlmHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm layerNorm;
    private readonly Parameter bias;
    // A delegate, not a Tensor field: RegisterComponents would otherwise register the encoder's embedding matrix as this
    // module's parameter, and the optimiser would then update it twice per step.
    private readonly Func<Tensor> decoderWeight;

    public MlmHead(EncoderConfig config, Tensor wordEmbeddings, Generator generator) : base(nameof(MlmHead))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(wordEmbeddings);
        ArgumentNullException.ThrowIfNull(generator);
        var device = wordEmbeddings.device;
        dense = nn.Linear(config.HiddenSize, config.HiddenSize, device: device);
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: device);
        bias = new Parameter(torch.zeros(config.VocabSize, device: device));
        decoderWeight = () => wordEmbeddings;
        using (torch.no_grad())
        {
            dense.weight!.normal_(0.0, config.InitializerRange, generator);
            dense.bias!.zero_();
        }
        RegisterComponents();
    }

    /// <summary>True when the weights came from the checkpoint rather than a fresh initialisation.</summary>
    public bool FromCheckpoint { get; private set; }

    /// <summary>Hidden states <c>[…,H]</c> → vocabulary logits <c>[…,V]</c>.</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = torch.NewDisposeScope();
        var x = layerNorm.forward(nn.functional.gelu(dense.forward(hidden)));
        // A fresh head's decoder reads the embedding matrix without back-propagating into it: with Adam, the dense softmax
        // gradient of a still-random head moves every embedding row by about lr per step and wrecked MiniLM's clean
        // representations within 80 steps (clean cosine 0.56, measured). A checkpoint's own head trains tied, as usual.
        var weight = FromCheckpoint ? decoderWeight() : decoderWeight().detach();
        return nn.functional.linear(x, weight, bias).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Loads the checkpoint's MLM head when it has one (BERT <c>cls.predictions.*</c> or RoBERTa <c>lm_head.*</c>, with or
    /// without a model prefix); returns false, keeping the fresh initialisation, when it has none.
    /// </summary>
    public bool TryLoad(ISafeTensorsSource weights, string source)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var names = weights.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        string? Find(params string[] candidates) => candidates.FirstOrDefault(names.Contains);
        var map = new (Tensor Target, string? Name)[]
        {
            (dense.weight!, Find("cls.predictions.transform.dense.weight", "lm_head.dense.weight")),
            (dense.bias!, Find("cls.predictions.transform.dense.bias", "lm_head.dense.bias")),
            (layerNorm.weight!, Find("cls.predictions.transform.LayerNorm.weight", "cls.predictions.transform.LayerNorm.gamma", "lm_head.layer_norm.weight")),
            (layerNorm.bias!, Find("cls.predictions.transform.LayerNorm.bias", "cls.predictions.transform.LayerNorm.beta", "lm_head.layer_norm.bias")),
            (bias, Find("cls.predictions.bias", "cls.predictions.decoder.bias", "lm_head.bias", "lm_head.decoder.bias")),
        };
        if (map.All(m => m.Name is null)) return false;
        string[] parts = ["transform dense weight", "transform dense bias", "LayerNorm weight", "LayerNorm bias", "output bias"];
        var missing = map.Select((m, i) => m.Name is null ? parts[i] : null).OfType<string>().ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{source}: the masked-LM head is incomplete; missing its {string.Join(", ", missing)}.");
        foreach (var (target, name) in map)
        {
            var entry = weights.Entries.First(e => e.Name == name);
            if (!entry.Shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{source}: '{name}' has shape [{string.Join(",", entry.Shape)}], expected [{string.Join(",", target.shape)}].");
            Training.TensorBytes.CopyInto(target, weights.ReadFloat32(name!), $"{source}: '{name}'");
        }
        FromCheckpoint = true;
        return true;
    }

    /// <summary>The head's own trainable parameters (the tied decoder weight belongs to the encoder).</summary>
    public IEnumerable<KeyValuePair<string, Parameter>> OwnParameters() =>
        named_parameters().Select(p => new KeyValuePair<string, Parameter>("mlm_head." + p.name, p.parameter));
}
