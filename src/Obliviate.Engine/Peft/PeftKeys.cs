using Obliviate.Engine.Peft.Adapter;
using Obliviate.Engine.Peft.Prefix;

namespace Obliviate.Engine.Peft;

/// <summary>
/// The one pure mapping between in-memory PEFT keys and saved keys, used by both save and load so they are symmetric by
/// construction (peft's <c>_remove_adapter_name_from_key</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>LoRA (peft): <c>encoder.layer.0.attention.self.query.lora_A.weight</c> ↔
/// <c>base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight</c> (the family prefix is the one
/// <c>BertForSequenceClassification</c>/<c>RobertaForSequenceClassification</c> use, so peft can load it onto them).</item>
/// <item>Adapter (adapters library): <c>encoder.layer.0.output.adapters.adapter_down.0.weight</c> ↔
/// <c>bert.encoder.layer.0.output.adapters.&lt;name&gt;.adapter_down.0.weight</c>.</item>
/// <item>Prefix (peft): <c>prefix_encoder.prompt_embeddings</c> ↔ <c>prompt_embeddings</c>.</item>
/// </list>
/// </remarks>
public static class PeftKeys
{
    private const string PeftRoot = "base_model.model.";
    private const string Prompt = "prompt_embeddings";

    public static string ToSaved(PeftMethod method, string key, string family, string adapterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(family);
        switch (method)
        {
            case PeftMethod.Lora:
                Require(key.Contains(".lora_A.", StringComparison.Ordinal) || key.Contains(".lora_B.", StringComparison.Ordinal), key, method);
                return $"{PeftRoot}{family}.{key}";
            case PeftMethod.Adapter:
            {
                var segment = $".{AdapterInjector.Segment}.";
                Require(key.Contains(segment, StringComparison.Ordinal), key, method);
                var at = key.IndexOf(segment, StringComparison.Ordinal) + segment.Length;
                return $"{family}.{key[..at]}{adapterName}.{key[at..]}";
            }
            default:
                Require(key == $"{PrefixInjector.Segment}.{Prompt}", key, method);
                return Prompt;
        }
    }

    /// <summary>The model-family prefix of sequence-classification checkpoints: <c>bert</c> or <c>roberta</c>.</summary>
    public static string Family(Models.EncoderConfig config) => config.IsRoberta ? "roberta" : "bert";

    private static void Require(bool ok, string key, PeftMethod method)
    {
        if (!ok) throw new ArgumentException($"'{key}' is not a {method} parameter key.", nameof(key));
    }
}
