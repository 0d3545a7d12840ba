namespace Obliviate.Engine.Tokenization;

/// <summary>
/// Caps for reading tokenizer files, which come from untrusted model repositories: a file over a cap, or a vocabulary larger
/// than <see cref="MaxVocabularySize"/>, is rejected with an error naming the file before it is parsed.
/// </summary>
public sealed record TokenizerLimits
{
    /// <summary>vocab.txt, vocab.json, merges.txt (real ones are 0.2–1 MB).</summary>
    public long MaxVocabFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>tokenizer.json (real ones are 0.5–20 MB).</summary>
    public long MaxTokenizerJsonBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>tokenizer_config.json and special_tokens_map.json.</summary>
    public long MaxConfigBytes { get; init; } = 4L * 1024 * 1024;

    public int MaxVocabularySize { get; init; } = 1_000_000;

    public static TokenizerLimits Default { get; } = new();
}
