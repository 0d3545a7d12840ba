namespace Obliviate.Engine.Tokenization;

/// <summary>The special-token strings of a tokenizer (from tokenizer_config.json / special_tokens_map.json when present).</summary>
public sealed record SpecialTokenNames(string Start, string End, string Pad, string Unknown, string Mask)
{
    public static SpecialTokenNames Bert { get; } = new("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]");

    public static SpecialTokenNames Roberta { get; } = new("<s>", "</s>", "<pad>", "<unk>", "<mask>");

    internal IEnumerable<string> All => [Start, End, Pad, Unknown, Mask];
}
