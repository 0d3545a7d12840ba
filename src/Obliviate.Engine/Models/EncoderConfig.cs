using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obliviate.Engine.Models;

/// <summary>
/// A BERT- or RoBERTa-family encoder configuration, mapped from a Hugging Face <c>config.json</c>.
/// Every hyperparameter of the encoder comes from here; <see cref="Validate"/> checks them once.
/// </summary>
public sealed record EncoderConfig
{
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 12;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionProbsDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;

    /// <summary>The model family; <c>roberta</c> changes position ids (they start after the padding index).</summary>
    [JsonIgnore] public bool IsRoberta => ModelType is "roberta" or "xlm-roberta" or "camembert";

    [JsonIgnore] public int HeadDim => HiddenSize / NumAttentionHeads;

    private static readonly string[] SupportedTypes = ["bert", "roberta", "xlm-roberta", "camembert"];
    private static readonly string[] SupportedActivations = ["gelu", "relu", "gelu_new", "gelu_python", "gelu_pytorch_tanh"];

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first field that is out of range.</summary>
    public EncoderConfig Validate(string source = "config.json")
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new InvalidDataException($"{source}: {message}");
        }
        Require(SupportedTypes.Contains(ModelType),
            $"model_type '{ModelType}' is not a BERT- or RoBERTa-family encoder (supported: {string.Join(", ", SupportedTypes)}).");
        Require(VocabSize > 0, $"vocab_size must be positive (got {VocabSize}).");
        Require(HiddenSize > 0, $"hidden_size must be positive (got {HiddenSize}).");
        Require(NumHiddenLayers > 0, $"num_hidden_layers must be positive (got {NumHiddenLayers}).");
        Require(NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0,
            $"num_attention_heads ({NumAttentionHeads}) must divide hidden_size ({HiddenSize}).");
        Require(IntermediateSize > 0, $"intermediate_size must be positive (got {IntermediateSize}).");
        Require(SupportedActivations.Contains(HiddenAct),
            $"hidden_act '{HiddenAct}' is not supported (supported: {string.Join(", ", SupportedActivations)}).");
        Require(MaxPositionEmbeddings > 0, $"max_position_embeddings must be positive (got {MaxPositionEmbeddings}).");
        Require(TypeVocabSize >= 1, $"type_vocab_size must be at least 1 (got {TypeVocabSize}).");
        Require(LayerNormEps > 0, $"layer_norm_eps must be positive (got {LayerNormEps}).");
        Require(PadTokenId >= 0 && PadTokenId < VocabSize, $"pad_token_id {PadTokenId} is outside the vocabulary.");
        Require(HiddenDropoutProb is >= 0 and < 1 && AttentionProbsDropoutProb is >= 0 and < 1,
            "dropout probabilities must be in [0, 1).");
        return this;
    }

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Reads and validates a <c>config.json</c>; unknown fields are ignored, as Hugging Face does.</summary>
    public static EncoderConfig Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var config = JsonSerializer.Deserialize<EncoderConfig>(stream, ReadOptions)
                         ?? throw new InvalidDataException($"{path}: the file is empty or null.");
            return config.Validate(path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);
}
