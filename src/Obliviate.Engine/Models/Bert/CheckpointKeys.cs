namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// Normalises Hugging Face checkpoint keys to this encoder's <c>state_dict()</c> keys. Pure; used on load (and by anything that
/// must name the same tensors, e.g. an importer or inspector).
/// </summary>
/// <remarks>
/// Rules, in order, matching what transformers' loaders accept:
/// keys ending in <c>position_ids</c> or <c>token_type_ids</c> are buffers (older checkpoints saved them; transformers ignores them);
/// a leading <c>bert.</c> or <c>roberta.</c> is stripped (ForMaskedLM/ForSequenceClassification saves have it, AutoModel saves do not);
/// head prefixes (<c>cls.</c>, <c>lm_head.</c>, <c>classifier.</c>, <c>qa_outputs.</c>, <c>pre_classifier.</c>) are heads;
/// legacy TF-era LayerNorm names <c>gamma</c>/<c>beta</c> become <c>weight</c>/<c>bias</c>.
/// </remarks>
public static class CheckpointKeys
{
    private static readonly string[] ModelPrefixes = ["bert.", "roberta."];
    private static readonly string[] HeadPrefixes = ["cls.", "lm_head.", "classifier.", "qa_outputs.", "pre_classifier."];

    public static (CheckpointKeyKind Kind, string Key) Normalize(string checkpointKey)
    {
        ArgumentNullException.ThrowIfNull(checkpointKey);
        var key = checkpointKey;
        if (key.EndsWith("position_ids", StringComparison.Ordinal) || key.EndsWith("token_type_ids", StringComparison.Ordinal))
            return (CheckpointKeyKind.Buffer, key);
        foreach (var prefix in ModelPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                key = key[prefix.Length..];
                break;
            }
        }
        foreach (var head in HeadPrefixes)
        {
            if (key.StartsWith(head, StringComparison.Ordinal)) return (CheckpointKeyKind.Head, key);
        }
        if (key.EndsWith(".gamma", StringComparison.Ordinal)) key = key[..^".gamma".Length] + ".weight";
        else if (key.EndsWith(".beta", StringComparison.Ordinal)) key = key[..^".beta".Length] + ".bias";
        return (CheckpointKeyKind.Encoder, key);
    }
}
