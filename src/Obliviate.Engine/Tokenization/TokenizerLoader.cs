namespace Obliviate.Engine.Tokenization;

/// <summary>
/// Opens the tokenizer of a Hugging Face-style model folder. Like transformers' AutoTokenizer it prefers tokenizer.json,
/// then vocab.txt (WordPiece), then vocab.json + merges.txt (byte-level BPE); tokenizer_config.json and
/// special_tokens_map.json supply casing and special-token names.
/// </summary>
public static class TokenizerLoader
{
    public static TextTokenizer FromFolder(string folder, TokenizerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: model folder not found.");
        return FromFolder(folder, TokenizerSettings.Load(folder, limits), limits);
    }

    /// <summary>The tokenizer of <paramref name="folder"/> with settings already read (a model repository reads them once).</summary>
    public static TextTokenizer FromFolder(string folder, TokenizerSettings settings, TokenizerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(settings);
        var json = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(json)) return HfTokenizerJson.Load(json, settings, limits);
        var vocabTxt = Path.Combine(folder, "vocab.txt");
        if (File.Exists(vocabTxt))
        {
            return WordPieceTextTokenizer.FromVocabFile(vocabTxt, settings.DoLowerCase, settings.StripAccents,
                settings.SpecialsFor(TokenizerFamily.WordPiece), settings.TokenizeChineseChars, limits);
        }
        var vocabJson = Path.Combine(folder, "vocab.json");
        var merges = Path.Combine(folder, "merges.txt");
        if (File.Exists(vocabJson) && File.Exists(merges))
        {
            return ByteLevelBpeTextTokenizer.FromFiles(vocabJson, merges, settings.SpecialsFor(TokenizerFamily.ByteLevelBpe),
                settings.AddPrefixSpace, limits);
        }
        throw new FileNotFoundException(
            $"{folder}: no tokenizer found (looked for tokenizer.json, vocab.txt, and vocab.json + merges.txt).");
    }
}
