using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Models.Roberta;
using Obliviate.Engine.Runtime;
using Obliviate.Formats.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// A BERT- or RoBERTa-family encoder (Hugging Face <c>BertModel</c>/<c>RobertaModel</c>) whose <c>state_dict()</c> keys are the
/// checkpoint keys: <c>embeddings.*</c>, <c>encoder.layer.N.*</c>, <c>pooler.dense.*</c>.
/// </summary>
/// <remarks>
/// <para>Shapes: <c>[B,T]</c> ids → last hidden state <c>[B,T,H]</c>, pooler <c>[B,H]</c>.</para>
/// <para>Family differences live in the position ids only: BERT numbers positions 0..T−1, RoBERTa uses
/// <see cref="RobertaPositionIds"/> (padding_idx + 1 + cumsum over non-pad tokens). Token types default to 0.
/// The attention mask becomes an additive mask (0 for tokens, finfo(float32).min for padding) as in transformers.</para>
/// <para>PEFT seams (build the model, load base weights, then inject):
/// LoRA — <c>Layers[i].Attention.Self.ReplaceProjection("query", wrapper)</c> (and "value");
/// adapters — <c>Layers[i].Attention.Output.InsertAdapter(name, module)</c> and <c>Layers[i].Output.InsertAdapter(name, module)</c>,
/// applied after the dense + dropout, before residual + LayerNorm;
/// prefix-tuning — <see cref="EncoderInput.Prefix"/> carries per-layer projected keys/values, and the mask is extended with
/// P attended columns, so probabilities and first-token scores then cover P+T keys.</para>
/// <para>Memory: each layer forward runs in its own dispose scope (see <see cref="BertLayer"/>); the caller owns the outputs.</para>
/// </remarks>
public sealed class BertModel : nn.Module
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler? pooler;

    /// <param name="config">Validated here; every size comes from it.</param>
    /// <param name="addPoolingLayer">False for checkpoints without <c>pooler.*</c> (MLM saves, arctic-xs).</param>
    /// <param name="device">Where parameters are created (CPU when null; <c>meta</c> works for shape-only models).</param>
    public BertModel(EncoderConfig config, bool addPoolingLayer = true, Device? device = null) : base(nameof(BertModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        embeddings = new BertEmbeddings(config, device);
        encoder = new BertEncoder(config, device);
        if (addPoolingLayer) pooler = new BertPooler(config, device);
        RegisterComponents();
    }

    public EncoderConfig Config { get; }

    public bool HasPooler => pooler is not null;

    public BertEmbeddings Embeddings => embeddings;

    public IReadOnlyList<BertLayer> Layers => encoder.Layers;

    /// <summary>Set by <see cref="LoadWeights(IEnumerable{CheckpointTensor}, string, bool)"/>; null for a randomly initialised model.</summary>
    public WeightLoadReport? LoadReport { get; private set; }

    public EncoderOutput forward(EncoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        var ids = input.InputIds;
        if (ids.dim() != 2) throw new ArgumentException($"input ids must be [B,T], got [{string.Join(",", ids.shape)}].", nameof(input));
        var batch = ids.shape[0];
        var tokens = ids.shape[1];
        if (tokens > MaxTokens)
            throw new ArgumentException($"sequence length {tokens} exceeds this model's {MaxTokens} positions.", nameof(input));
        if (input.FirstTokenOnly && input.OutputAttentions)
            throw new ArgumentException("attention probabilities need every query row; FirstTokenOnly computes only the first.", nameof(input));

        var positions = Config.IsRoberta
            ? RobertaPositionIds.Create(ids, Config.PadTokenId)
            : torch.arange(tokens, dtype: ScalarType.Int64, device: ids.device).unsqueeze(0).expand(batch, tokens);
        var types = input.TokenTypeIds ?? torch.zeros_like(ids);
        var hidden = embeddings.forward(ids, positions, types, input.WordEmbeddings);

        var prefixLength = input.Prefix is { Count: > 0 } p ? p[0].Key.shape[2] : 0;
        var mask = AdditiveMask(input.AttentionMask, batch, prefixLength, hidden.dtype, ids.device);
        var (last, probs, scores) = encoder.forward(hidden, mask, input.Prefix, input.OutputAttentions, input.OutputFirstTokenScores,
            input.FirstTokenOnly);
        var pooled = pooler?.forward(last);

        last.MoveToOuterDisposeScope();
        pooled?.MoveToOuterDisposeScope();
        probs?.ForEach(t => t.MoveToOuterDisposeScope());
        scores?.ForEach(t => t.MoveToOuterDisposeScope());
        return new EncoderOutput { LastHiddenState = last, PoolerOutput = pooled, Attentions = probs, FirstTokenScores = scores };
    }

    /// <summary>
    /// Opens a model folder, or the embedded short names <c>minilm</c> / <c>arctic-xs</c> (materialised into
    /// <paramref name="cacheDir"/> on first use), loads its safetensors weights and returns the encoder in eval mode.
    /// </summary>
    public static BertModel FromPretrained(string folderOrName, string? cacheDir = null, Device? device = null) =>
        FromPretrained(ModelRepository.Resolve(folderOrName, cacheDir), device);

    /// <summary>Builds the encoder a repository's config.json describes, loads its weights strictly and sets eval mode.</summary>
    /// <remarks>The pooler is built only when the checkpoint has <c>pooler.*</c> weights (arctic-xs and MLM saves have none).</remarks>
    public static BertModel FromPretrained(ModelRepository repository, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        using var weights = repository.OpenWeights();
        var hasPooler = weights.Entries.Any(e =>
            CheckpointKeys.Normalize(e.Name) is (CheckpointKeyKind.Encoder, "pooler.dense.weight"));
        var model = new BertModel(repository.Config, hasPooler);
        try
        {
            model.LoadWeights(weights, repository.WeightsPath);
            if (device is not null && device.type != DeviceType.CPU) model.to(device);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The longest sequence the position table allows (RoBERTa reserves padding_idx + 1 slots).</summary>
    public long MaxTokens => Config.IsRoberta ? Config.MaxPositionEmbeddings - Config.PadTokenId - 1 : Config.MaxPositionEmbeddings;

    /// <summary>
    /// Copies checkpoint tensors into the parameters by normalised key. Throws <see cref="InvalidDataException"/> on missing
    /// encoder weights (when <paramref name="strict"/>), shape mismatches and duplicate keys; reports heads and unexpected keys.
    /// </summary>
    public WeightLoadReport LoadWeights(IEnumerable<CheckpointTensor> tensors, string source, bool strict = true)
    {
        LoadReport = BertWeightLoader.Load(this, tensors, source, strict);
        return LoadReport;
    }

    /// <summary>Loads every tensor of a safetensors file or sharded checkpoint (converted to F32).</summary>
    public WeightLoadReport LoadWeights(ISafeTensorsSource source, string sourceName, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        return LoadWeights(source.Entries.Select(e => new CheckpointTensor(e.Name, e.Shape, () => source.ReadFloat32(e.Name))),
            sourceName, strict);
    }

    /// <summary>
    /// Hugging Face's <c>_init_weights</c>: Linear and Embedding weights ~ N(0, initializer_range) from <paramref name="generator"/>,
    /// biases 0, the padding embedding row 0, LayerNorm weight 1 and bias 0. For tiny random models in tests and from-scratch runs.
    /// </summary>
    public void InitializeWeights(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var std = Config.InitializerRange;
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("LayerNorm.", StringComparison.Ordinal))
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal)) parameter.fill_(1.0);
                else parameter.zero_();
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) parameter.zero_();
            else parameter.normal_(0.0, std, generator);
        }
        embeddings.ZeroPaddingRows(Config);
    }

    private static Tensor? AdditiveMask(Tensor? attentionMask, long batch, long prefixLength, ScalarType dtype, Device device)
    {
        if (attentionMask is null) return null;
        // (1 − m)·finfo.min, broadcast over heads and query rows: [B,1,1,T]. finfo.min rather than −∞ keeps fully masked
        // rows finite and matches transformers bit for bit.
        var keep = attentionMask.to(dtype).view(batch, 1, 1, -1);
        var additive = (1.0 - keep) * torch.finfo(dtype).min;
        if (prefixLength == 0) return additive;
        var prefixColumns = torch.zeros(batch, 1, 1, prefixLength, dtype: dtype, device: device);
        return torch.cat([prefixColumns, additive], 3);
    }
}
